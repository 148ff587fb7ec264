// The `key=value` fields (and bare flags) of the spec strings, for completion and hover inside
// a `disk`, `vif`, `pci`, ... string. Validation of these strings is the spec checks' business
// (rules/specs); this table only names the fields, their accepted values and what they do.

export interface SpecFieldInfo {
  name: string;
  /** Accepted values, when xl (or libxl) checks against a fixed list. */
  values?: readonly string[];
  /** A flag is written bare (`cdrom`), not as `name=value`. */
  flag?: boolean;
  doc: string;
  /** First Xen release that accepts it. */
  since?: string;
}

const f = (name: string, doc: string, values?: readonly string[], since?: string): SpecFieldInfo => ({ name, doc, ...(values ? { values } : {}), ...(since ? { since } : {}) });
const flag = (name: string, doc: string): SpecFieldInfo => ({ name, doc, flag: true });

export const SPEC_FIELDS: ReadonlyMap<string, readonly SpecFieldInfo[]> = new Map<string, SpecFieldInfo[]>([
  ['disk', [
    f('target', 'The backing file or device. Takes the rest of the whole string (commas included), so it must come last.'),
    f('format', 'Image format; empty means raw.', ['raw', 'qcow', 'qcow2', 'vhd', 'qed', 'empty']),
    f('vdev', 'The device name the guest sees (xvda, hda, sda, ...). Required.'),
    f('access', 'Read-only (r, ro) or read-write (rw, w; the default).', ['r', 'ro', 'rw', 'w']),
    f('devtype', 'Device type: a CD-ROM (read-only, removable) or a disk.', ['cdrom', 'disk']),
    f('backend', 'The domain (name or id) that serves the disk; default dom0.'),
    f('backendtype', 'How the backend serves it: phy (kernel blkback), qdisk (QEMU), tap (tapdisk), standalone.', ['phy', 'tap', 'qdisk', 'standalone']),
    f('specification', 'The protocol the guest uses: xen (PV block) or virtio.', ['xen', 'virtio'], '4.17'),
    f('script', 'Hotplug script that prepares the target (e.g. block-iscsi).'),
    flag('cdrom', 'Same as devtype=cdrom.'),
    flag('direct-io-safe', 'The backend may use O_DIRECT on the target.'),
    flag('discard', 'Pass discard (TRIM) requests to the backend.'),
    flag('no-discard', 'Do not pass discard (TRIM) requests to the backend.'),
    flag('trusted', 'The backend is trusted (the default).'),
    flag('untrusted', 'The backend is not trusted: the frontend may take defensive measures.'),
    f('grant_usage', 'virtio only: use grant mappings (1) or not (0).', ['0', '1']),
    flag('colo', 'Replicate the disk for COLO fault tolerance.'),
    flag('no-colo', 'No COLO replication (the default).'),
    f('colo-host', 'COLO: the secondary host.'),
    f('colo-port', 'COLO: the port on the secondary host (non-zero).'),
    f('colo-export', 'COLO: the export name on the secondary host.'),
    f('active-disk', 'COLO: the active disk image.'),
    f('hidden-disk', 'COLO: the hidden disk image.'),
  ]],
  ['vif', [
    f('mac', 'MAC address, six hex groups (00:16:3e:xx:xx:xx is Xen\'s range). Random when absent.'),
    f('bridge', 'The dom0 bridge to attach to (default from xl.conf, usually xenbr0).'),
    f('ip', 'IP address(es) for the vif-route/vif-nat scripts and the anti-spoofing rules.'),
    f('type', 'vif: PV only; ioemu: also an emulated NIC for HVM guests (the default for HVM).', ['vif', 'ioemu']),
    f('model', 'The emulated NIC model for HVM guests (e1000, rtl8139, virtio-net, ne2k_pci, ...).'),
    f('vifname', 'The backend interface name in dom0 (default vifDOMID.DEVID).'),
    f('script', 'Hotplug script (default vif-bridge).'),
    f('backend', 'The domain (name or id) that serves the NIC; default dom0.'),
    f('rate', 'Bandwidth limit: RATE[@INTERVAL], e.g. 10Mb/s or 1MB/s@20ms.'),
    f('devid', 'The device number (decimal).'),
    f('mtu', 'The MTU (decimal).'),
    f('gatewaydev', 'The dom0 device used as gateway by vif-route/vif-nat.'),
    f('vlan', 'VLAN tags, checked only by the hotplug scripts.'),
    f('netdev', 'Deprecated name of gatewaydev.'),
    f('forwarddev', 'COLO: the forwarding device.'),
    flag('trusted', 'The backend is trusted (the default).'),
    flag('untrusted', 'The backend is not trusted.'),
  ]],
  ['pci', [
    f('bdf', 'The host device as [DDDD:]BB:DD.F (hex; F may be * for every function).'),
    f('vslot', 'The guest slot (hex, at most 0x1f).'),
    f('permissive', 'Let the guest write any config space register (1) or not (0).', ['0', '1']),
    f('msitranslate', 'Translate the guest\'s MSIs to host INTx/MSI (1) or not (0).', ['0', '1']),
    f('seize', 'Take the device from its dom0 driver automatically (1).', ['0', '1']),
    f('power_mgmt', 'Let the guest control the device\'s power state (1).', ['0', '1']),
    f('rdm_policy', 'What to do when the device\'s reserved memory (RMRR) clashes with guest RAM: strict fails, relaxed warns.', ['strict', 'relaxed']),
    f('name', 'An assignable device\'s name (from xl pci-assignable-add -n) instead of a BDF.'),
  ]],
  ['rdm', [
    f('strategy', 'host: reserve every RMRR of the host in the guest\'s memory map.', ['host']),
    f('policy', 'strict (a clash fails creation) or relaxed (a clash is only logged). Ignored on Xen 4.15 and later, which reject a valid policy (bug).', ['strict', 'relaxed']),
  ]],
  ['usbctrl', [
    f('type', 'Controller kind: auto, pv, devicemodel (QEMU emulated) or qusb.', ['auto', 'pv', 'devicemodel', 'qusb']),
    f('version', 'USB version 1, 2 or 3 (default 2).', ['1', '2', '3']),
    f('ports', 'Number of ports (default 8, at most 31).'),
  ]],
  ['usbdev', [
    f('type', 'Only hostdev (a host USB device).', ['hostdev']),
    f('hostbus', 'The host bus number of the device.'),
    f('hostaddr', 'The host address of the device on that bus.'),
    f('controller', 'The guest controller to attach to.'),
    f('port', 'The port on that controller.'),
  ]],
  ['vtpm', [
    f('backend', 'The vTPM backend domain (name or id). Required.'),
    f('uuid', 'The vTPM\'s UUID (36 characters).'),
  ]],
  ['channel', [
    f('name', 'The channel name the guest looks for (e.g. org.qemu.guest_agent.0).'),
    f('connection', 'How dom0 sees it: pty or a UNIX socket (needs path=).', ['pty', 'socket']),
    f('path', 'The socket path (for connection=socket).'),
    f('backend', 'The backend domain (name or id); default dom0.'),
  ]],
  ['p9', [
    f('tag', 'The mount tag the guest uses.'),
    f('path', 'The dom0 directory to share.'),
    f('security_model', 'Only none is meaningful.', ['none']),
    f('backend', 'The backend domain (name or id); default dom0.'),
    f('type', 'The 9pfs backend: qemu or xen_9pfsd.', ['qemu', 'xen_9pfsd'], '4.19'),
    f('max-files', 'xen_9pfsd: the maximum number of files (decimal).', undefined, '4.19'),
    f('max-open-files', 'xen_9pfsd: the maximum number of open files (decimal).', undefined, '4.19'),
    f('max-space', 'xen_9pfsd: the maximum space in MiB (decimal).', undefined, '4.19'),
    f('auto-delete', 'xen_9pfsd: delete files when the limits are reached (1).', ['0', '1'], '4.19'),
  ]],
  ['pvcalls', [f('backend', 'The PV calls backend domain (name or id).')]],
  ['vfb', [
    f('vnc', 'Serve the display over VNC (1) or not (0).', ['0', '1']),
    f('vnclisten', 'The address (and optionally :display) VNC listens on.'),
    f('vncdisplay', 'The VNC display number.'),
    f('vncunused', 'Pick the first unused VNC display (1).', ['0', '1']),
    f('vncpasswd', 'The VNC password.'),
    f('sdl', 'Show the display in an SDL window (1).', ['0', '1']),
    f('opengl', 'Use OpenGL for the SDL window (1).', ['0', '1']),
    f('display', 'The X display for SDL.'),
    f('xauthority', 'The X authority file for SDL.'),
    f('keymap', 'The keyboard layout (e.g. en-us).'),
  ]],
  ['vkb', [
    f('backend', 'The backend domain (name or id).'),
    f('backend-type', 'Required: qemu or linux.', ['qemu', 'linux']),
    f('unique-id', 'An identifier for the backend.'),
    f('feature-disable-keyboard', 'No keyboard (1).', ['0', '1']),
    f('feature-disable-pointer', 'No pointer (1).', ['0', '1']),
    f('feature-abs-pointer', 'Absolute pointer coordinates (1).', ['0', '1']),
    f('feature-raw-pointer', 'Raw (unscaled) pointer coordinates (1).', ['0', '1']),
    f('feature-multi-touch', 'Multi-touch (needs the multi-touch-* sizes).', ['0', '1']),
    f('multi-touch-width', 'Multi-touch surface width.'),
    f('multi-touch-height', 'Multi-touch surface height.'),
    f('multi-touch-num-contacts', 'Multi-touch contact count.'),
    f('width', 'Pointer surface width.'),
    f('height', 'Pointer surface height.'),
  ]],
  ['vdispl', [
    f('backend', 'The display backend domain (name or id).'),
    f('be-alloc', 'The backend allocates the buffers (1).', ['0', '1']),
    f('connectors', 'ID:WxH[;ID:WxH...], e.g. id0:1920x1080. At least one.'),
  ]],
  ['virtio', [
    f('backend', 'The backend domain (name or id).'),
    f('type', 'The device-tree compatible string (virtio,device<N>).'),
    f('transport', 'Only mmio.', ['mmio']),
    f('grant_usage', 'Use grant mappings (1) or not (0).', ['0', '1']),
  ]],
  ['vnuma', [
    f('pnode', 'The host NUMA node backing this virtual node.'),
    f('size', 'The node\'s memory in MiB.'),
    f('vcpus', 'The vCPUs of this node: N or N-M, comma separated.'),
    f('vdistances', 'Distances to every virtual node, comma separated.'),
  ]],
]);

/** The field of `key`'s spec language called `name`, if any. */
export function specField(key: string, name: string): SpecFieldInfo | undefined {
  return SPEC_FIELDS.get(key)?.find((x) => x.name === name);
}
