// The CLI adapter: the only code that knows argv, files and exit codes. Each subcommand lives
// in commands/<name>.ts and is registered in main.ts.

export interface CliIO {
  /** Reads a file's bytes; throws an Error with a readable message when it cannot. */
  readFile(path: string): Uint8Array;
  /** True when a file exists (used to find xen-host.json next to a config). */
  exists(path: string): boolean;
  dirname(path: string): string;
  join(...parts: string[]): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliCommand {
  name: string;
  /** One line for `xlcfg --help`. */
  summary: string;
  /** Usage lines for `xlcfg <name> --help`. */
  usage: string;
  /** Returns the process exit code. */
  run(args: string[], io: CliIO): number;
}

/** Common flags: `--json`, `--xen-version X.Y`, `--qemu-version X.Y`, `--host FILE`, `--defaults`, files. */
export interface CommonArgs {
  json: boolean;
  xenVersion?: string;
  qemuVersion?: string;
  host?: string;
  defaults: boolean;
  files: string[];
  unknown: string[];
}

export function parseCommonArgs(args: string[]): CommonArgs {
  const out: CommonArgs = { json: false, defaults: false, files: [], unknown: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') out.json = true;
    else if (a === '--defaults') out.defaults = true;
    else if (a === '--xen-version' || a === '--qemu-version' || a === '--host') {
      const v = args[++i];
      if (v === undefined) out.unknown.push(a);
      else if (a === '--xen-version') out.xenVersion = v;
      else if (a === '--qemu-version') out.qemuVersion = v;
      else out.host = v;
    } else if (a.startsWith('--xen-version=')) out.xenVersion = a.slice('--xen-version='.length);
    else if (a.startsWith('--qemu-version=')) out.qemuVersion = a.slice('--qemu-version='.length);
    else if (a.startsWith('--host=')) out.host = a.slice('--host='.length);
    else if (a === '--') out.files.push(...args.slice(i + 1)), (i = args.length);
    else if (a.startsWith('-') && a !== '-') out.unknown.push(a);
    else out.files.push(a);
  }
  return out;
}

/** The flags of `args`, or undefined after printing the usage (wrong flags or file count). */
export function argsOrUsage(cmd: CliCommand, args: string[], io: CliIO, files: 'one' | 'some'): CommonArgs | undefined {
  const a = parseCommonArgs(args);
  const countOk = files === 'one' ? a.files.length === 1 : a.files.length > 0;
  if (a.unknown.length || !countOk) {
    io.stderr(`usage: ${cmd.usage}\n`);
    return undefined;
  }
  return a;
}

/** The bytes of `file`, or undefined after printing why it cannot be read. */
export function readOrReport(file: string, io: CliIO): Uint8Array | undefined {
  try {
    return io.readFile(file);
  } catch (e) {
    io.stderr(`xlcfg: ${(e as Error).message}\n`);
    return undefined;
  }
}
