// Starts the bundled language server (server-bundle.js) through V8's code cache: compiling
// the 1.9 MB bundle and the functions the first analysis runs is most of the server's cold
// start (the 100 ms budget). The build warms the server once and ships the cache beside the
// bundle (scripts/warm-server-cache.js); when this Node's V8 rejects that one (another
// version), a cache in the system's temp folder, keyed by bundle and Node version, is written
// after the first analysis and used from the next start on. Any failure just means compiling
// as usual.

import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import Module = require('module');

/** Must match ANALYSED_EVENT in server/src/lsp/session.ts. */
const ANALYSED_EVENT = 'xlcfg-analysed';

const bundle = path.join(__dirname, 'server-bundle.js');
const shipped = path.join(__dirname, 'server-bundle.v8cache');
const source = fs.readFileSync(bundle, 'utf8');
const key = crypto.createHash('sha256').update(process.version).update(source).digest('hex').slice(0, 16);
const local = path.join(os.tmpdir(), `xlcfg-server-${key}.v8cache`);

function read(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function compile(cachedData: Buffer | undefined): vm.Script {
  return new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
}

let script = compile(read(shipped));
let cached = !script.cachedDataRejected && read(shipped) !== undefined;
if (!cached) {
  const data = read(local);
  if (data) {
    script = compile(data);
    cached = !script.cachedDataRejected;
  }
}

function writeCache(target: string): void {
  try {
    const tmp = `${target}.${process.pid}`;
    fs.writeFileSync(tmp, script.createCachedData());
    fs.renameSync(tmp, target);
  } catch {
    // A read-only or full folder only costs the next start its speed.
  }
}

const warmTarget = process.env.XLCFG_V8CACHE_OUT;
if (warmTarget) process.once(ANALYSED_EVENT, () => writeCache(warmTarget));
else if (!cached) process.once(ANALYSED_EVENT, () => setImmediate(() => writeCache(local)));

const wrapper = script.runInThisContext() as (exports: unknown, req: NodeJS.Require, mod: unknown, filename: string, dirname: string) => void;
const mod = { exports: {}, filename: bundle, id: bundle, loaded: false };
wrapper.call(mod.exports, mod.exports, require, mod, bundle, __dirname);
