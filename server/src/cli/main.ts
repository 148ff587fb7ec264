// The `xlcfg` command line: argv, files and exit codes around the same core the editor uses.
// Exit codes: 0 no errors, 1 the config has errors (or Xen rejects it), 2 usage or I/O error.

import * as fs from 'fs';
import * as path from 'path';
import type { CliCommand, CliIO } from './command';
import { parseCommand } from './commands/parse';
import { checkCommand } from './commands/check';
import { configCommand } from './commands/config';
import { layoutCommand } from './commands/layout';

const commands: CliCommand[] = [parseCommand, configCommand, checkCommand, layoutCommand];

export const nodeIO: CliIO = {
  readFile(p: string): Uint8Array {
    if (p === '-') return fs.readFileSync(0);
    try {
      return fs.readFileSync(p);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      throw new Error(`cannot read ${p}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}`);
    }
  },
  exists: (p) => fs.existsSync(p),
  dirname: (p) => path.dirname(p),
  join: (...parts) => path.join(...parts),
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
};

function help(io: CliIO): void {
  io.stdout('xlcfg: check Xen xl.cfg guest configs the way xl, libxl and hvmloader will read them\n\n');
  io.stdout('usage: xlcfg <command> [--json] [--xen-version X.Y] [--host PROFILE] FILE...\n\n');
  for (const c of commands) io.stdout(`  ${c.name.padEnd(8)} ${c.summary}\n`);
  io.stdout('\n`xlcfg <command> --help` shows the options of one command.\n');
}

export function main(argv: string[], io: CliIO = nodeIO): number {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(io);
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`xlcfg: unknown command '${name}'\n`);
    help(io);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`usage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return cmd.run(rest, io);
  } catch (e) {
    io.stderr(`xlcfg: internal error: ${(e as Error).stack ?? e}\n`);
    return 70;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
