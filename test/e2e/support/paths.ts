// Where the end-to-end run finds its inputs and writes its outputs.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Written by test/e2e/provision.sh once code-server is built (a symlink to the versioned folder). */
export const CODE_SERVER_BIN = join(REPO_ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');

export const CHROMIUM_BIN = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The package `npm run package` builds: the e2e tests install exactly this file. */
export const VSIX = join(REPO_ROOT, 'talking-models.vsix');

/** The test-only extension that runs the mocha suite inside the extension host (source, package). */
export const HARNESS_SOURCE = join(REPO_ROOT, 'test/e2e/harness');
export const HARNESS_VSIX = join(REPO_ROOT, 'test-output/e2e-harness.vsix');

/** The mocha suite, bundled by the global setup (test/e2e/build-suite.mjs). */
export const SUITE_BUILD = join(REPO_ROOT, 'test-output/e2e-suite');

export const SCREENSHOTS = join(REPO_ROOT, 'test-output/screenshots');

/** Fails with the command that fixes it, rather than a spawn error deep in a test. */
export function requireFile(path: string, howToMake: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`${howToMake}\` first.`);
  return path;
}
