// FW-05: on HVM, a `firmware` value that is no firmware keyword is a path that replaces
// hvmloader (firmware_override), not the BIOS/UEFI image: an OVMF or SeaBIOS blob there is
// refused by the domain builder ("xc_dom_find_loader: no loader found").
import { dmRule } from './support';
import { fix, insertSetting, quoted } from '../../device-model/edits';

export const firmwarePathReplacesHvmloader = dmRule(
  'firmware-path-replaces-hvmloader',
  'warning',
  'HVM firmware= path, which replaces hvmloader rather than the BIOS',
  (ctx, plan) => {
    const o = plan.hvmloaderOverride;
    if (!o?.source) return [];
    if (/hvmloader[^/]*$/i.test(o.value)) return []; // a deliberate hvmloader replacement
    const ovmf = /ovmf|uefi|\.fd$/i.test(o.value);
    const bios = ovmf ? 'ovmf' : 'seabios';
    const s = ctx.view.setting('firmware')!;
    const edits = [{ start: s.nameStart, end: s.nameEnd, newText: 'bios_path_override' }];
    if (!ctx.view.has('bios')) edits.push(insertSetting(ctx.parsed.text, ctx.view, 'bios', quoted(bios)));
    return [
      {
        ...o.source,
        message:
          `xl takes firmware = "${o.value}" as a replacement for hvmloader, not as the guest's BIOS/UEFI image (all releases): ` +
          'if this is an OVMF or SeaBIOS image the domain builder refuses it ("xc_dom_find_loader: no loader found"). ' +
          `To load a custom ${ovmf ? 'OVMF' : 'BIOS'} image use bios = "${bios}" with bios_path_override = "<path>".`,
        fixes: [fix(`Use bios_path_override${ctx.view.has('bios') ? '' : ` with bios = "${bios}"`}`, edits, true)],
      },
    ];
  },
);
