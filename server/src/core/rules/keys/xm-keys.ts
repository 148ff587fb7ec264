// Keys of the xm/xend toolstack (removed in Xen 4.5) that xl never read. Configs carried over
// from xm still contain them; xl ignores them without a word, so the feature they asked for
// is silently lost. Each entry says what to use with xl instead.

export interface XmKey {
  /** The xl key (or keys) to use instead, when there is one. */
  replacement?: string;
  /** What to do, in one sentence. */
  advice: string;
}

export const XM_KEYS: ReadonlyMap<string, XmKey> = new Map<string, XmKey>([
  ['cpu_cap', { replacement: 'cap', advice: 'xl reads the credit scheduler cap from `cap`.' }],
  ['vcpu_avail', { advice: 'xl starts `vcpus` vCPUs online out of `maxvcpus`; set those two instead of a bitmap.' }],
  ['cpu', { replacement: 'cpus', advice: 'xl pins vCPUs with `cpus` (a CPU list).' }],
  ['bootargs', { replacement: 'bootloader_args', advice: 'xl passes bootloader arguments from `bootloader_args` (a list).' }],
  ['irq', { replacement: 'irqs', advice: 'xl reads passed-through interrupts from `irqs` (a list).' }],
  ['vncconsole', { advice: 'xl starts a VNC viewer only when asked on the command line: `xl create -V`.' }],
  ['monitor', { advice: 'xl has no monitor key; pass QEMU options with `device_model_args` if you really need the monitor.' }],
  ['vscsi', { advice: 'xl has no PV SCSI devices; give the disk with `disk` or pass the controller through with `pci`.' }],
  ['ip', { replacement: 'extra', advice: 'xm turned it into a kernel `ip=` argument; with xl put that argument into `extra`.' }],
  ['netmask', { replacement: 'extra', advice: 'xm turned it into a kernel `ip=` argument; with xl put that argument into `extra`.' }],
  ['gateway', { replacement: 'extra', advice: 'xm turned it into a kernel `ip=` argument; with xl put that argument into `extra`.' }],
  ['hostname', { replacement: 'extra', advice: 'xm turned it into a kernel `ip=` argument; with xl put that argument into `extra`.' }],
  ['dhcp', { replacement: 'extra', advice: 'xm turned it into a kernel `ip=dhcp` argument; with xl put that argument into `extra`.' }],
  ['interface', { replacement: 'extra', advice: 'xm turned it into a kernel `ip=` argument; with xl put that argument into `extra`.' }],
  ['nfs_server', { replacement: 'extra', advice: 'xm turned it into kernel `nfsroot=` arguments; with xl put them into `extra`.' }],
  ['nfs_root', { replacement: 'extra', advice: 'xm turned it into kernel `nfsroot=` arguments; with xl put them into `extra`.' }],
  ['security', { replacement: 'seclabel', advice: 'xl reads the XSM/FLASK label from `seclabel`.' }],
  ['access_control', { replacement: 'seclabel', advice: 'xl reads the XSM/FLASK label from `seclabel`.' }],
  ['blkif', { replacement: 'driver_domain', advice: 'a backend domain is marked with `driver_domain = 1` under xl.' }],
  ['netif', { replacement: 'driver_domain', advice: 'a backend domain is marked with `driver_domain = 1` under xl.' }],
  ['tpmif', { replacement: 'driver_domain', advice: 'a backend domain is marked with `driver_domain = 1` under xl.' }],
  ['on_xend_start', { advice: 'there is no xend; start guests at boot by linking the config into /etc/xen/auto (xendomains).' }],
  ['on_xend_stop', { advice: 'there is no xend; the xendomains service saves or shuts guests down at host shutdown.' }],
  ['guest_os_type', { advice: 'xl has no such setting; remove it.' }],
  ['cpuid_check', { advice: 'xl has no CPUID checking; describe the CPUID policy with `cpuid` instead.' }],
  ['machine_address_size', { advice: 'xl has no such setting; remove it.' }],
  ['suppress_spurious_page_faults', { advice: 'xl has no such setting; remove it.' }],
  ['superpages', { advice: 'xl has no such setting (Xen uses superpages when it can); remove it.' }],
  ['s3_integrity', { advice: 'xl has no such setting; remove it.' }],
  ['xen_extended_power_mgmt', { advice: 'xl has no such setting; remove it.' }],
  ['vhpt', { advice: 'it was for IA-64 guests, which xl does not support; remove it.' }],
  ['features', { advice: 'xl has no PV feature string; remove it.' }],
  ['parallel', { advice: 'xl gives HVM guests no parallel port; pass `-parallel` to QEMU with `device_model_args_hvm` if you need one.' }],
  ['audio', { replacement: 'soundhw', advice: 'xl adds an emulated sound card with `soundhw` (HVM).' }],
  ['cdrom', { replacement: 'disk', advice: 'with xl a CD-ROM is a `disk` entry such as "/path/to.iso,raw,hdc,cdrom".' }],
  ['ne2000', { replacement: 'vif', advice: 'with xl choose the emulated NIC per interface: `model=ne2k_pci` in its `vif` spec.' }],
  ['isa', { advice: 'xl has no ISA-only machine; remove it.' }],
]);
