// `npm start`: what the extension shows for the bundled example — every diagnostic with its
// quick fixes (as in the Problems panel), then the memory layout the hover on `memory` shows.
// The example is meant to have problems, so exit status 1 (findings) counts as success here;
// a usage or I/O failure (2 and up) does not.
import * as path from 'path';
import { main } from '../server/src/cli/main';

const file = path.relative(process.cwd(), path.resolve(__dirname, '../../examples/gpu-passthrough.xl.cfg'));
process.stdout.write(`== xlcfg check ${file}  (the Problems panel)\n`);
const checked = main(['check', file]);
process.stdout.write(`\n== xlcfg layout ${file}  (the hover on \`memory\`)\n`);
const laid = main(['layout', file]);
process.exitCode = Math.max(checked, laid) >= 2 ? 1 : 0;
