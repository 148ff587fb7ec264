#!/usr/bin/env node
// Generates one TypeScript module per peggy grammar in grammar/ into server/src/generated/.
// The generated files are build output (gitignored); the .peggy files are the source of truth.
'use strict';
const fs = require('fs');
const path = require('path');
const peggy = require('peggy');

const root = path.resolve(__dirname, '..');
const grammarDir = path.join(root, 'grammar');
const outDir = path.join(root, 'server', 'src', 'generated');
fs.mkdirSync(outDir, { recursive: true });

let failed = false;
for (const file of fs.readdirSync(grammarDir).filter((f) => f.endsWith('.peggy')).sort()) {
  const name = file.replace(/\.peggy$/, '');
  const grammarSource = path.join('grammar', file);
  const text = fs.readFileSync(path.join(grammarDir, file), 'utf8');
  let code;
  try {
    code = peggy.generate(text, {
      output: 'source',
      format: 'es',
      grammarSource,
      cache: false,
      allowedStartRules: ['*'],
    });
  } catch (e) {
    failed = true;
    const loc = e.location ? `${grammarSource}:${e.location.start.line}:${e.location.start.column}: ` : `${grammarSource}: `;
    console.error(`${loc}${e.message}`);
    continue;
  }
  const header =
    `// @ts-nocheck\n// Generated from ${grammarSource} by scripts/generate-parsers.js. Do not edit.\n`;
  const target = path.join(outDir, `${name}.ts`);
  const out = header + code + '\n';
  if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== out) fs.writeFileSync(target, out);
}
if (failed) process.exit(1);
