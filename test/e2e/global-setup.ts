// Checks the e2e prerequisites once and bundles the in-extension-host mocha suite.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CODE_SERVER_BIN, HARNESS_SOURCE, HARNESS_VSIX, REPO_ROOT, requireFile, VSIX } from './support/paths';
import { buildSuite } from './build-suite.mjs';
import { clearFailureArtifacts } from './support/failures';

export default async function setup(): Promise<void> {
  requireFile(CODE_SERVER_BIN, 'npm run provision');
  requireFile(VSIX, 'npm run package');
  clearFailureArtifacts();
  await buildSuite();
  packageHarness();
}

/** The harness is installed like any extension: VS Code only loads what its extensions.json lists. */
function packageHarness(): void {
  const vsce = join(REPO_ROOT, 'node_modules/.bin/vsce');
  const args = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', HARNESS_VSIX];
  execFileSync(vsce, args, { cwd: HARNESS_SOURCE, stdio: 'pipe' });
}
