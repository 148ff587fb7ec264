// DM-02: qemu-xen-traditional was removed in Xen 4.21 (19ab8356ab, 1eb944f650); xl 4.21+
// knows only "qemu-xen" and exits on the old name.
import { dmRule, rombiosSource, toSeabios } from './support';
import { fix, replaceString } from '../../device-model/edits';
import { xenAtLeast } from '../../xen-version';

export const dmVersionTraditionalRemoved = dmRule(
  'dm-version-traditional-removed',
  'error',
  'qemu-xen-traditional on Xen 4.21 or later, where it no longer exists',
  (ctx, plan) => {
    const v = plan.versionSetting;
    if (!v || v.value !== 'qemu-xen-traditional' || !xenAtLeast(ctx.xenVersion, '4.21')) return [];
    const rombios = plan.biosSetting?.value.toLowerCase() === 'rombios';
    return [
      {
        ...v.range,
        message:
          `xl ${ctx.xenVersion} will stop with \`Unknown device_model_version "qemu-xen-traditional" specified\`: ` +
          'qemu-xen-traditional (and its Mini-OS stub domain) was removed in Xen 4.21. ' +
          `Use "qemu-xen"${rombios ? ', and move the guest from bios="rombios" to bios="seabios"' : ''}; ` +
          'the guest then sees different emulated hardware (PIIX3 with SeaBIOS instead of ROMBIOS), which some installed OSes notice.',
        fixes: [fix(rombiosSource(plan) ? 'Use "qemu-xen" with SeaBIOS' : 'Use "qemu-xen"', [replaceString(ctx.parsed.text, v.range, 'qemu-xen'), ...toSeabios(ctx.parsed.text, plan)], true)],
        tags: ['deprecated'],
      },
    ];
  },
);
