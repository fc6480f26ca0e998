// @ts-check
// Test-only extension, installed next to Talking Models in the e2e profile. When the
// outer test has written run.json into this folder, it runs the mocha suite (bundled
// at test-output/e2e-suite) with the real `vscode` API and writes the results as JSON.
// Without run.json it does nothing.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

/** @param {import('vscode').ExtensionContext} context */
exports.activate = function activate(context) {
  const runFile = join(context.extensionPath, 'run.json');
  if (!existsSync(runFile)) return;
  /** @type {{ suite: string; results: string }} */
  const { suite, results } = JSON.parse(readFileSync(runFile, 'utf8'));
  // Not awaited: activation must finish so the extension host goes on starting the others.
  Promise.resolve()
    .then(() => require(suite).runAndReport(results))
    .catch((/** @type {unknown} */ error) => {
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      writeFileSync(results, JSON.stringify({ passed: 0, failed: 1, tests: [], crash: message }));
    });
};
