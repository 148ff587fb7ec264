// Extension-host test runner (mocha, tdd UI). The same entry point serves both editors:
// code-server loads it through the workbench's `payload` URL parameter (extensionTestsPath),
// @vscode/test-electron through runTests({ extensionTestsPath }).
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const m = require('mocha');
// mocha 12 is an ES module: require() returns its namespace.
const Mocha = m.Mocha ?? m;

// code-server's extension host forwards console.log(format, ...args) without formatting it;
// hand mocha's reporter pre-formatted lines so the output is readable in the page console.
Mocha.reporters.Base.consoleLog = (...args) => console.log(util.format(...args));

exports.run = function run() {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 20000, reporter: 'spec' });
  const grep = process.env.XLCFG_E2E_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.suite.js')).sort()) {
    mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve()));
  });
};
