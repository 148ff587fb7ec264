// FW-15 (inference): a vtpm= device is a Xen PV TPM; OVMF and Windows have no driver for it,
// so it does not give a UEFI guest a TPM.
import { dmRule, keyRange } from './support';

export const ovmfVtpm = dmRule(
  'ovmf-vtpm',
  'hint',
  'vtpm with OVMF (not a TPM the firmware or Windows can use)',
  (ctx, plan) => {
    if (plan.firmware?.value !== 'ovmf' || !ctx.view.list('vtpm')?.items.length) return [];
    return [
      {
        ...keyRange(ctx, 'vtpm')!,
        message:
          'The vTPM is a Xen PV device, which Linux reaches through xen-tpmfront; OVMF and Windows have no driver for it (not verified), so it does not satisfy a UEFI or Windows TPM requirement. ' +
          'xl has no emulated TPM option.',
      },
    ];
  },
);
