// `npm test`: the one command that runs every check, in the order a failure is
// cheapest to find: type checks, bundle, the vitest suites (unit, simulator,
// engine, CLI, extension controller, webview in Chromium), then the packaged
// extension in a real VS Code. Ends with one "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const reportDir = join('test-output', 'reports');
mkdirSync(reportDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`\n${label} failed (exit ${result.status ?? result.signal}).`);
    return false;
  }
  return true;
}

function vitest(label, configArgs, reportName) {
  const outputFile = join(reportDir, `${reportName}.json`);
  const ok = run(label, 'npx', ['vitest', 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${outputFile}`]);
  try {
    const report = JSON.parse(readFileSync(outputFile, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
  } catch {
    totals.failed += 1; // no report: the suite did not even run
  }
  return ok;
}

const steps = [
  () => run('typecheck', 'npm', ['run', '--silent', 'typecheck']),
  () => run('build', 'node', ['esbuild.mjs']),
  () => vitest('unit, integration and webview tests', [], 'vitest'),
  () => run('package the VSIX', 'npm', ['run', '--silent', 'package']),
  () => vitest('real VS Code end-to-end', ['--config', 'test/e2e/vitest.config.mts'], 'e2e'),
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
process.exit(ok && totals.failed === 0 ? 0 : 1);
