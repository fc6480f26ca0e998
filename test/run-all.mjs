// `npm test`: the one command that runs every check, in the order a failure is
// cheapest to find: type checks, bundle, the vitest suites (unit, simulator,
// engine, CLI, extension controller, webview in Chromium), then the packaged
// extension in a real VS Code. Ends with one "N passed, N failed" line.
//
// What the tests need from outside the repository (Chromium, a real VS Code: `npm run
// provision`; the packages: `npm install`) is checked first: anything missing is said in
// one line before anything runs, the steps that need it are skipped and counted as failed,
// and the line is said again under the totals.
//
// `node test/run-all.mjs --check` only checks, and exits 1 if something is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * What the test steps need that `npm install` / `npm run provision` provide, and which steps
 * need it: `vitest` (the unit and integration tests), `webview` (the webview tests in Chromium,
 * part of the vitest run) or `e2e` (the real VS Code).
 */
export function prerequisites(root = ROOT, env = process.env) {
  return [
    { path: join(root, 'node_modules/.bin/vitest'), what: 'the npm packages', command: 'npm install', steps: ['vitest', 'e2e'] },
    { path: env.CHROMIUM_PATH ?? '/usr/bin/chromium', what: 'Chromium (for the webview and end-to-end tests)', command: 'npm run provision', steps: ['webview', 'e2e'] },
    { path: join(root, '.vscode-test/code-server/node_modules/.bin/code-server'), what: 'a real VS Code (code-server, for the end-to-end tests)', command: 'npm run provision', steps: ['e2e'] },
  ];
}

/** The prerequisites that are not there. */
export function missingPrerequisites(root = ROOT, env = process.env, exists = existsSync) {
  return prerequisites(root, env).filter((prerequisite) => !exists(prerequisite.path));
}

/** One line: what is missing, and the command(s) that provide it. */
export function missingLine(missing, root = ROOT) {
  const shown = (path) => {
    const inside = relative(root, path);
    return inside === '' || inside.startsWith('..') ? path : inside;
  };
  const what = missing.map((prerequisite) => `${prerequisite.what} at ${shown(prerequisite.path)}`).join('; ');
  const commands = [...new Set(missing.map((prerequisite) => `\`${prerequisite.command}\``))].join(' and ');
  return `npm test: missing ${what}: run ${commands} first.`;
}

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    return false;
  }
  return true;
}

function main() {
  const missing = missingPrerequisites();
  const missingNote = missing.length === 0 ? null : missingLine(missing);
  if (missingNote !== null) console.error(missingNote);
  if (process.argv.includes('--check')) return missingNote === null ? 0 : 1;

  const reportDir = join('test-output', 'reports');
  mkdirSync(reportDir, { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const unavailable = new Set(missing.flatMap((prerequisite) => prerequisite.steps));

  const vitest = (label, configArgs, reportName) => {
    const outputFile = join(reportDir, `${reportName}.json`);
    const ok = run(label, 'npx', ['vitest', 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`]);
    try {
      const report = JSON.parse(readFileSync(outputFile, 'utf8'));
      totals.passed += report.numPassedTests;
      totals.failed += report.numFailedTests;
      totals.skipped += report.numPendingTests + report.numTodoTests;
      // A suite that failed outside its tests (its set-up, an unhandled error) is a failure too.
      if (!ok && report.numFailedTests === 0) totals.failed += 1;
    } catch {
      totals.failed += 1; // no report: the suite did not even run
    }
    return ok;
  };

  /** A step whose prerequisites are missing: said, skipped, counted as one failure. */
  const needs = (step, label, action) => () => {
    if (!unavailable.has(step)) return action();
    console.error(`\n=== ${label}: skipped (${missingNote})`);
    totals.failed += 1;
    return true;
  };

  const steps = [
    () => run('typecheck', 'npm', ['run', '--silent', 'typecheck']),
    () => run('build', 'node', ['esbuild.mjs']),
    needs('vitest', 'unit, integration and webview tests', () => {
      if (!unavailable.has('webview')) return vitest('unit, integration and webview tests', [], 'vitest');
      // Without Chromium the webview tests can't run: the rest still does, and they count as one failure.
      console.error(`\n=== webview tests in Chromium: skipped (${missingNote})`);
      totals.failed += 1;
      return vitest('unit and integration tests', ['--exclude', 'test/webview/**'], 'vitest');
    }),
    () => run('package the VSIX', 'npm', ['run', '--silent', 'package']),
    needs('e2e', 'real VS Code end-to-end', () => vitest('real VS Code end-to-end', ['--config', 'test/e2e/vitest.config.mts'], 'e2e')),
  ];

  let ok = true;
  for (const step of steps) {
    if (!step()) {
      ok = false;
      if (totals.passed + totals.failed === 0) totals.failed += 1; // a build step failed before any test
      break;
    }
  }
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
  if (missingNote !== null) console.error(missingNote);
  return ok && totals.failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exit(main());
