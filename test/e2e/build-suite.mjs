// Bundles the in-extension-host mocha suite (test/e2e/suite) into test-output/e2e-suite:
// index.js (the runner) and one *.suite.js per suite file, each with the simulator inside.
// Used by the e2e vitest global setup and by run-electron.mjs.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SUITE_OUT = join(root, 'test-output/e2e-suite');

export async function buildSuite() {
  const source = join(root, 'test/e2e/suite');
  const suites = readdirSync(source).filter((name) => name.endsWith('.suite.ts'));
  rmSync(SUITE_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [join(source, 'index.ts'), ...suites.map((name) => join(source, name))],
    outdir: SUITE_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    // vscode is the host's; mocha resolves from the repo's node_modules (the output lives in the repo).
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return join(SUITE_OUT, 'index.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(await buildSuite());
}
