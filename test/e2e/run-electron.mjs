// `npm run test:vscode`: the extension-host mocha suite (test/e2e/suite) in desktop VS Code,
// through @vscode/test-electron, on a machine with internet (it downloads VS Code; CI
// machines without it run the same suite inside code-server: `npm run test:e2e`).
// The extension under test is this folder (extensionDevelopmentPath): build it first.
// VSCODE_VERSION picks the version (default: stable; mocha 12 needs an extension host on Node >= 20.19).
import { runTests } from '@vscode/test-electron';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSuite } from './build-suite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = mkdtempSync(join(tmpdir(), 'talking-models-vscode-'));
const workspace = join(scratch, 'workspace');
const userDataDir = join(scratch, 'user-data');
mkdirSync(workspace);
mkdirSync(join(userDataDir, 'User'), { recursive: true });
// The same quiet profile as in code-server; dialogs drawn by the workbench, not the OS, so a
// question left open by the last test closes with the window.
const settings = {
  // Every debate is saved in the library folder: this profile's own, never the user's.
  'talkingModels.libraryFolder': join(scratch, 'library'),
  'security.workspace.trust.enabled': false,
  'window.dialogStyle': 'custom',
  'workbench.startupEditor': 'none',
  // No "Get Started" walkthrough or its first-run offer (extension/walkthrough/first-run.ts).
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};
writeFileSync(join(userDataDir, 'User/settings.json'), JSON.stringify(settings, null, 2));
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: await buildSuite(),
    launchArgs: [workspace, '--user-data-dir', userDataDir, '--disable-extensions', '--skip-welcome', '--skip-release-notes'],
    // The suite starts its own Ollama simulator and points the setting at it.
    extensionTestsEnv: { OLLAMA_HOST: '', LANGSMITH_TRACING: 'false' },
  });
} catch (error) {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
