// `npm run test:vscode`: the extension-host mocha suite (test/e2e/suite) in desktop VS Code,
// through @vscode/test-electron, on a machine with internet (it downloads VS Code; CI
// machines without it run the same suite inside code-server: `npm run test:e2e`).
// The extension under test is this folder (extensionDevelopmentPath): build it first.
// VSCODE_VERSION picks the version (default: stable; mocha 12 needs an extension host on Node >= 20.19).
import { runTests } from '@vscode/test-electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite } from './build-suite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = mkdtempSync(join(tmpdir(), 'talking-models-vscode-'));
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: await buildSuite(),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    // The suite starts its own Ollama simulator and points the setting at it.
    extensionTestsEnv: { OLLAMA_HOST: '', LANGSMITH_TRACING: 'false' },
  });
} catch (error) {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(workspace, { recursive: true, force: true });
}
