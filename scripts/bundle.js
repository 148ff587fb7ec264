#!/usr/bin/env node
// Bundles the VS Code client, the language server and the CLI into dist/ with esbuild.
// The server is bundled so that cold start reads one file (the 100 ms start budget), and is
// started by a small loader (server/src/boot.ts) that keeps V8's compiled code between starts.
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const root = path.resolve(__dirname, '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};

Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-bundle.js' }),
  esbuild.build({ ...common, entryPoints: ['server/src/boot.ts'], outfile: 'dist/server.js', sourcemap: false }),
  esbuild.build({
    ...common,
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
  }),
])
  .then(() => require('./warm-server-cache'))
  .catch(() => process.exit(1));
