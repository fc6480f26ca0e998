// `npm run install-extension` (after `npm run package`): installs talking-models.vsix into
// VS Code through its command line, whichever one this machine has: `code`, `code-insiders` or
// `codium` on the PATH, else (macOS, Windows) where their installers put it. With none, it says
// where the VSIX is and how to install it by hand, rather than `sh: 1: code: not found`.
//
// Usage: node install-extension.mjs [path/to/file.vsix]
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The VS Code command lines, in order of preference. */
export const EDITOR_COMMANDS = ['code', 'code-insiders', 'codium'];

function isExecutable(path, platform) {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the installers put the command line when it is not on the PATH (macOS app bundles, Windows user and system installs). */
function knownLocations(name, platform, env, home) {
  if (platform === 'darwin') {
    const apps = { code: 'Visual Studio Code', 'code-insiders': 'Visual Studio Code - Insiders', codium: 'VSCodium' }[name];
    return ['/Applications', join(home, 'Applications')].map((folder) => join(folder, `${apps}.app`, 'Contents/Resources/app/bin', name));
  }
  if (platform === 'win32') {
    const folder = { code: 'Microsoft VS Code', 'code-insiders': 'Microsoft VS Code Insiders', codium: 'VSCodium' }[name];
    return [env.LOCALAPPDATA && join(env.LOCALAPPDATA, 'Programs', folder), env.ProgramFiles && join(env.ProgramFiles, folder)]
      .filter(Boolean)
      .map((base) => join(base, 'bin', `${name}.cmd`));
  }
  return [];
}

/** The first VS Code command line found: on the PATH, then where its installer puts it; null if none. */
export function findEditorCommand({ env = process.env, platform = process.platform, home = homedir() } = {}) {
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').map((ext) => ext.toLowerCase()) : [''];
  const folders = (env.PATH ?? env.Path ?? '').split(delimiter).filter((folder) => folder !== '');
  for (const name of EDITOR_COMMANDS) {
    for (const folder of folders) {
      for (const extension of extensions) {
        const candidate = join(folder, `${name}${extension}`);
        if (isExecutable(candidate, platform)) return candidate;
      }
    }
    for (const candidate of knownLocations(name, platform, env, home)) if (isExecutable(candidate, platform)) return candidate;
  }
  return null;
}

/** What to do by hand when no command line was found. */
export function manualInstructions(vsix) {
  return [
    `The extension is built: ${vsix}`,
    `No VS Code command line (${EDITOR_COMMANDS.join(', ')}) was found on the PATH, so it was not installed. To install it:`,
    '  - in VS Code: the Extensions view, its "..." menu, "Install from VSIX...", and choose the file above; or',
    '  - put the command line on the PATH, then run `npm run install-extension` again. On macOS, run',
    '    "Shell Command: Install \'code\' command in PATH" from VS Code\'s Command Palette; on Windows and',
    '    Linux its installer adds it (open a new terminal).',
  ].join('\n');
}

function main() {
  const root = dirname(fileURLToPath(import.meta.url));
  const vsix = resolve(process.argv[2] ?? join(root, 'talking-models.vsix'));
  if (!existsSync(vsix)) {
    console.error(`install-extension: ${vsix} does not exist: run \`npm run package\` first (\`npm run install-extension\` does both).`);
    return 1;
  }
  const editor = findEditorCommand();
  if (editor === null) {
    console.error(manualInstructions(vsix));
    return 1;
  }
  console.log(`install-extension: ${editor} --install-extension ${vsix}`);
  // A .cmd on Windows runs only through the shell.
  const result = spawnSync(editor, ['--install-extension', vsix, '--force'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) {
    console.error(`install-extension: could not run ${editor} (${result.error.message}).\n${manualInstructions(vsix)}`);
    return 1;
  }
  return result.status ?? 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main();
