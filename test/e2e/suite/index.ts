// Entry point of the mocha suite that runs inside a real extension host.
// - `run()` is the contract of @vscode/test-electron (`extensionTestsPath`): it rejects on failure.
// - `runAndReport(file)` is what the harness extension calls inside code-server; the outer
//   vitest test reads the JSON report.
// The suite files are bundled next to this file as `*.suite.js`.
import { readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SuiteReport, SuiteTestResult } from './report';

async function runMocha(): Promise<SuiteReport> {
  // Mocha 12 is an ES module: import() loads it from a CommonJS bundle on every Node.
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of readdirSync(__dirname).filter((name) => name.endsWith('.suite.js')).sort()) {
    mocha.addFile(join(__dirname, file));
  }
  const tests: SuiteTestResult[] = [];
  await new Promise<void>((resolveRun) => {
    const runner = mocha.run(() => resolveRun());
    runner.on('pass', (test) => {
      tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
    });
    runner.on('fail', (test, error: unknown) => {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: message });
    });
  });
  const failed = tests.filter((test) => test.state === 'failed').length;
  return { passed: tests.length - failed, failed, tests };
}

export async function run(): Promise<void> {
  const report = await runMocha();
  if (report.failed > 0 || report.passed === 0) {
    throw new Error(`${report.failed} of ${report.tests.length} end-to-end tests failed`);
  }
}

export async function runAndReport(resultsFile: string): Promise<void> {
  const report = await runMocha();
  // Written whole, then renamed: the outer test polls for the file and must never read half of it.
  writeFileSync(`${resultsFile}.partial`, JSON.stringify(report, null, 2));
  renameSync(`${resultsFile}.partial`, resultsFile);
}
