// `xlcfg config --json [--defaults] [--xen-version X.Y] FILE`: the domain configuration xl
// would build from FILE, printed in the JSON shape `xl -N create` prints (libxl's
// libxl_domain_config), without a hypervisor. With --defaults, also what libxl's defaulting
// pass fills in. xl's own warnings go to stderr as xl prints them.

import { NEWEST_XEN, parseXenVersion, XEN_VERSIONS } from '../../core/xen-version';
import { parseConfig } from '../../core/syntax/parse';
import { ConfigView } from '../../core/model/config-view';
import { buildDomain, stringifyLibxlJson, toLibxlJson, type DomainModel } from '../../core/model/domain';
import { argsOrUsage, readOrReport, type CliCommand, type CliIO } from '../command';

function summary(model: DomainModel): string {
  const c = model.config.c_info as Record<string, unknown>;
  const b = model.config.b_info as Record<string, unknown>;
  const lines = [
    `guest type  ${model.guestType.type} (${model.guestType.decidedBy === 'default' ? 'default' : `from ${model.guestType.decidedBy}=`})`,
    `name        ${c.name ?? '(none)'}`,
  ];
  const kib = (v: unknown) => (typeof v === 'bigint' ? `${v / 1024n} MiB` : 'libxl default');
  lines.push(`memory      ${kib(b.target_memkb)} (max ${kib(b.max_memkb)})`);
  lines.push(`vcpus       ${Array.isArray(b.avail_vcpus) ? b.avail_vcpus.length : 'libxl default'} online, ${b.max_vcpus ?? 'default'} max`);
  for (const k of ['disks', 'nics', 'pcidevs', 'vfbs', 'channels', 'vtpms', 'dtdevs']) {
    const v = model.config[k];
    if (Array.isArray(v) && v.length) lines.push(`${k.padEnd(12)}${v.length}`);
  }
  return lines.join('\n') + '\n';
}

export const configCommand: CliCommand = {
  name: 'config',
  summary: 'the domain configuration xl would build (the JSON `xl -N create` prints), offline',
  usage: 'xlcfg config [--json] [--defaults] [--xen-version X.Y] FILE',
  run(args: string[], io: CliIO): number {
    const a = argsOrUsage(this, args, io, 'one');
    if (!a) return 2;
    const release = a.xenVersion === undefined ? NEWEST_XEN : parseXenVersion(a.xenVersion);
    if (!release) {
      io.stderr(`xlcfg: unsupported --xen-version ${a.xenVersion} (supported: ${XEN_VERSIONS.join(', ')})\n`);
      return 2;
    }
    const file = a.files[0];
    const bytes = readOrReport(file, io);
    if (!bytes) return 2;
    const parsed = parseConfig(bytes);
    if (!parsed.ok) {
      for (const r of parsed.xenReport) io.stderr(`${file}:${r.line === null ? '' : `${r.line}:`} ${r.message}\n`);
      io.stderr('Failed to parse config: Invalid argument\n');
      io.stderr(`xlcfg: Xen ${release}'s xl rejects ${file} before building a domain (it exits with status 1).\n`);
      return 1;
    }
    const model = buildDomain(new ConfigView(parsed.settings), release, { sourceName: file });
    for (const m of model.messages) if (m.text) io.stderr(m.text + '\n');
    if (model.exit) {
      io.stderr(
        `xlcfg: Xen ${release}'s xl stops here (exit status ${model.exit.exitCode}) and creates no domain; fix the problem above.\n`,
      );
      return 1;
    }
    if (model.unmodelled.length) {
      io.stderr(`xlcfg: note: not shown yet (xlcfg does not model them): ${model.unmodelled.join(', ')}\n`);
    }
    if (!(model.config.c_info as Record<string, unknown>).uuid) {
      io.stderr('xlcfg: note: no uuid= in the config, so xl would generate a random one; it is left out.\n');
    }
    if (a.json) io.stdout(stringifyLibxlJson(toLibxlJson(model, release, { defaults: a.defaults })) + '\n');
    else io.stdout(summary(model));
    return 0;
  },
};
