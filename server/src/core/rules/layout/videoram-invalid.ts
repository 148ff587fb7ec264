// `videoram` values libxl or QEMU refuse (or that QEMU silently enlarges): cirrus needs 8 or 16
// MiB with qemu-xen (libxl's minimum is 8, QEMU's cirrus accepts only 4/8/16), stdvga at least
// 16 and a power of two (QEMU rounds up and the extra comes out of the 1 MiB slack), qxl at
// least 128; with qemu-xen-traditional cirrus always uses 4 MiB and stdvga needs 8.

import type { Rule } from '../rule';
import { pow2ceil } from '../../layout/constants';
import { anchor, keyRange, layoutOf, layoutWith, regresses, setKey } from './support';

export const videoramInvalid: Rule = {
  slug: 'videoram-invalid',
  defaultSeverity: 'error',
  description: '`videoram` is a value libxl or QEMU refuses for the chosen VGA, or one QEMU enlarges.',
  check(ctx) {
    const layout = layoutOf(ctx);
    const given = layout.input.videoram?.value;
    if (given === undefined || layout.input.type.value !== 'hvm') return [];
    const vga = layout.defaults.vga.value;
    const dm = layout.defaults.dm.value;
    const fatal = layout.problems.find((p) => p.code === 'videoram-invalid' && p.fatal);
    let good: number | undefined;
    let message: string | undefined;
    let severity: 'error' | 'warning' = 'error';
    if (dm === 'qemu-xen' && vga === 'cirrus' && given !== 8 && given !== 16) {
      good = given > 12 ? 16 : 8;
      message = fatal?.stage === 'libxl'
        ? `libxl refuses \`videoram=${given}\` for cirrus: "${fatal.message}" (qemu-xen, Xen 4.4 and later).`
        : `QEMU's cirrus VGA accepts only 4, 8 or 16 MiB of video memory (and libxl at least 8): with ${given} QEMU exits with "Invalid cirrus_vga ram size '${given}'" and the guest is not created (qemu-xen, every release).`;
    } else if (dm === 'qemu-xen' && vga === 'stdvga' && (given < 16 || pow2ceil(given) !== given)) {
      good = Math.min(512, pow2ceil(Math.max(16, given)));
      if (given < 16) message = `libxl refuses \`videoram=${given}\` for stdvga: "${fatal?.message ?? 'videoram must be at least 16 MB for STDVGA on QEMU_XEN'}" (qemu-xen, Xen 4.4 and later).`;
      else {
        const qemuFails = layout.problems.some((p) => p.code === 'qemu-page-budget');
        severity = qemuFails ? 'error' : 'warning';
        message = `QEMU rounds stdvga video memory up to a power of two, so it allocates ${pow2ceil(given)} MiB while libxl reserved ${given} MiB; the difference must come out of the 1 MiB libxl leaves${qemuFails ? ' and does not fit: "xen: failed to populate ram", the device model fails and the guest is not created' : ''} (qemu-xen, every release).`;
      }
    } else if (vga === 'qxl' && given < 128 && dm === 'qemu-xen') {
      good = 128;
      message = `libxl refuses \`videoram=${given}\` for qxl: "128 Mib videoram is the minimum for qxl default" (Xen 4.6 and later).`;
    } else if (dm === 'qemu-xen-traditional' && vga === 'stdvga' && given < 8) {
      good = 8;
      message = `libxl refuses \`videoram=${given}\` for stdvga with qemu-xen-traditional: "videoram must be at least 8 MB for STDVGA on QEMU_XEN_TRADITIONAL".`;
    } else if (dm === 'qemu-xen-traditional' && vga === 'cirrus' && given !== 4) {
      good = 4;
      severity = 'warning';
      message = `qemu-xen-traditional always gives cirrus 4 MiB: libxl warns "ignoring videoram other than 4 MB for CIRRUS on QEMU_XEN_TRADITIONAL", yet still takes ${given} MiB out of the guest's RAM.`;
    }
    if (!message) return [];
    const fixes = [];
    if (good !== undefined && good !== given) {
      const after = layoutWith(ctx, { videoram: { value: good } });
      if (!after.problems.some((p) => p.code === 'videoram-invalid') && !regresses(ctx, { videoram: { value: good } }, ['videoram-invalid', 'qemu-page-budget'])) {
        fixes.push({ title: `Set videoram = ${good}`, edits: [setKey(ctx.parsed.text, ctx.view, 'videoram', String(good), ['vga', 'memory'])], isPreferred: true });
      }
    }
    return [{ ...(keyRange(ctx.view, 'videoram') ?? anchor(ctx, 'vga')), severity, message: `${message} Use ${good} MiB.`, fixes }];
  },
};
