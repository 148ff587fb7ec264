// `xlcfg layout [--json] [--xen-version X.Y] [--host PROFILE] FILE`: the guest memory layout
// Xen builds for FILE (libxl's RAM split, RMRR decisions, hvmloader's BAR placement, the final
// e820). Exit 1 when Xen would refuse to create or start the guest.

import { parseConfig } from '../../core/syntax/parse';
import { ConfigView } from '../../core/model/config-view';
import { buildLayoutInput, computeLayout, layoutToJson, layoutToText } from '../../core/layout';
import type { HostProfile } from '../../core/host-profile';
import { argsOrUsage, readOrReport, type CliCommand, type CliIO } from '../command';
import { resolveEnvironment } from '../environment';

export const layoutCommand: CliCommand = {
  name: 'layout',
  summary: "the guest's memory layout: RAM split, RMRRs, MMIO hole and BARs, e820",
  usage: 'xlcfg layout [--json] [--xen-version X.Y] [--host PROFILE] FILE',
  run(args: string[], io: CliIO): number {
    const a = argsOrUsage(this, args, io, 'one');
    if (!a) return 2;
    const file = a.files[0];
    const bytes = readOrReport(file, io);
    if (!bytes) return 2;
    const env = resolveEnvironment(a, file, io);
    if ('error' in env) {
      io.stderr(`xlcfg: ${env.error}\n`);
      return 2;
    }
    for (const n of env.notes) io.stderr(`xlcfg: note: ${n}\n`);
    const host = env.options.hostProfile as HostProfile | undefined;
    const xen = env.options.xenVersion!;
    const xenWhy =
      a.xenVersion !== undefined
        ? '--xen-version'
        : host?.xenVersion === xen
          ? `the host profile ${env.options.hostProfileSource}`
          : 'the newest release xlcfg models';
    const parsed = parseConfig(bytes);
    const view = new ConfigView(parsed.settings);
    const layout = computeLayout(buildLayoutInput(view, { xen, xenWhy, host, hostSource: env.options.hostProfileSource }));
    if (!parsed.ok) io.stderr(`xlcfg: note: ${file} has syntax errors that make xl refuse it; the layout uses every complete assignment\n`);
    if (a.json) io.stdout(JSON.stringify(layoutToJson(layout), null, 2) + '\n');
    else io.stdout(layoutToText(layout));
    return layout.fatal || !parsed.ok ? 1 : 0;
  },
};
