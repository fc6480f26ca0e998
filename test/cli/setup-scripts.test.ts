// The set-up scripts a newcomer runs first: `npm run install-extension` (install-extension.mjs)
// and `npm test` (test/run-all.mjs), each run as a process in a folder of its own.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'talking-models-setup-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** An executable shell script at `path`. */
function script(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

describe('npm run install-extension', () => {
  function install(commands: string[], vsix = join(dir, 'talking-models.vsix')) {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    for (const command of commands) script(join(bin, command), `echo "${command} $*" >> "${join(dir, 'calls.txt')}"`);
    const result = spawnSync(process.execPath, [join(root, 'install-extension.mjs'), vsix], { env: { PATH: bin, HOME: dir }, encoding: 'utf8' });
    let calls = '';
    try {
      calls = readFileSync(join(dir, 'calls.txt'), 'utf8');
    } catch {
      // no command ran
    }
    return { ...result, calls };
  }

  beforeEach(() => writeFileSync(join(dir, 'talking-models.vsix'), 'vsix'));

  it('is the script, run after packaging', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(manifest.scripts['install-extension']).toBe('npm run package && node install-extension.mjs');
  });

  it.each([
    [['code', 'codium'], 'code'],
    [['code-insiders', 'codium'], 'code-insiders'],
    [['codium'], 'codium'],
  ])('with %j on the PATH, installs with %s', (commands, used) => {
    const vsix = join(dir, 'talking-models.vsix');
    const result = install(commands);
    expect(result.status).toBe(0);
    expect(result.calls).toBe(`${used} --install-extension ${vsix} --force\n`);
  });

  it('with none on the PATH, says where the VSIX is and how to install it, and fails', () => {
    const result = install([]);
    expect(result.status).toBe(1);
    expect(result.stderr).not.toMatch(/not found/);
    expect(result.stderr).toContain(`The extension is built: ${join(dir, 'talking-models.vsix')}`);
    expect(result.stderr).toContain('No VS Code command line (code, code-insiders, codium) was found on the PATH');
    expect(result.stderr).toContain('"Install from VSIX..."');
    expect(result.stderr).toContain('"Shell Command: Install \'code\' command in PATH"');
  });

  it('without a VSIX, says to package it first', () => {
    const result = install(['code'], join(dir, 'missing.vsix'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('does not exist: run `npm run package` first');
    expect(result.calls).toBe('');
  });

  it('passes on the editor\'s own failure', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    script(join(bin, 'code'), 'echo "Failed Installing Extensions" >&2; exit 3');
    const result = spawnSync(process.execPath, [join(root, 'install-extension.mjs'), join(dir, 'talking-models.vsix')], { env: { PATH: bin }, encoding: 'utf8' });
    expect(result.status).toBe(3);
  });
});

describe('npm test before npm run provision', () => {
  /**
   * A copy of run-all.mjs in a repository of its own whose tools are stand-ins: `npm run` scripts
   * that succeed and a `vitest` that reports 7 passed tests. Only the real VS Code is missing.
   */
  function fakeRepository(): string {
    mkdirSync(join(dir, 'test'));
    copyFileSync(join(root, 'test/run-all.mjs'), join(dir, 'test/run-all.mjs'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fake', private: true, scripts: { typecheck: 'true', package: 'true' } }));
    writeFileSync(join(dir, 'esbuild.mjs'), '');
    mkdirSync(join(dir, 'node_modules/.bin'), { recursive: true });
    script(
      join(dir, 'node_modules/.bin/vitest'),
      `echo "vitest $*" >> "${join(dir, 'vitest-calls.txt')}"
for arg in "$@"; do case "$arg" in --outputFile.json=*) out="\${arg#--outputFile.json=}";; esac; done
echo '{"numPassedTests": 7, "numFailedTests": 0, "numPendingTests": 0, "numTodoTests": 0}' > "$out"`,
    );
    return join(dir, 'test/run-all.mjs');
  }

  const env = (chromium: string): NodeJS.ProcessEnv => ({ ...process.env, CHROMIUM_PATH: chromium });

  it('says first, in one line, what is missing and the command that provides it, and counts it as a failure', () => {
    const runAll = fakeRepository();
    const result = spawnSync(process.execPath, [runAll], { cwd: dir, env: env(process.execPath), encoding: 'utf8' });
    expect(result.status).toBe(1);
    const line = 'npm test: missing a real VS Code (code-server, for the end-to-end tests) at .vscode-test/code-server/node_modules/.bin/code-server: run `npm run provision` first.';
    expect(result.stderr.split('\n')[0]).toBe(line);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('7 passed, 1 failed');
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(line);
  });

  it('without Chromium, runs the other tests, skips the webview ones and counts them as a failure', () => {
    const runAll = fakeRepository();
    const result = spawnSync(process.execPath, [runAll], { cwd: dir, env: env('/nonexistent/chromium'), encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr.split('\n')[0]).toMatch(/^npm test: missing Chromium \(for the webview and end-to-end tests\) at \/nonexistent\/chromium; a real VS Code .*: run `npm run provision` first\.$/);
    expect(readFileSync(join(dir, 'vitest-calls.txt'), 'utf8')).toMatch(/^vitest run --exclude test\/webview\/\*\* /);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('7 passed, 2 failed');
  });

  it('names every missing thing, with each command once', () => {
    const runAll = fakeRepository();
    rmSync(join(dir, 'node_modules'), { recursive: true });
    const result = spawnSync(process.execPath, [runAll, '--check'], { cwd: dir, env: env('/nonexistent/chromium'), encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'npm test: missing the npm packages at node_modules/.bin/vitest; Chromium (for the webview and end-to-end tests) at /nonexistent/chromium; ' +
        'a real VS Code (code-server, for the end-to-end tests) at .vscode-test/code-server/node_modules/.bin/code-server: run `npm install` and `npm run provision` first.\n',
    );
  });

  it('says nothing when all is there', () => {
    const result = spawnSync(process.execPath, [join(root, 'test/run-all.mjs'), '--check'], { cwd: root, env: env(process.execPath), encoding: 'utf8' });
    if (result.status !== 0) expect(result.stderr).toContain('npm run provision'); // this machine is not provisioned
    else expect(result.stderr).toBe('');
  });
});
