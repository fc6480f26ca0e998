// Runs the mocha suite (test/e2e/suite) inside code-server's extension host, next to the
// installed VSIX, through the test-only harness extension, and checks its report.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SuiteReport } from './suite/report';
import { startCodeServer, type CodeServer } from './support/code-server';
import { savedDebates } from './support/library';
import { HARNESS_VSIX, SUITE_BUILD, VSIX } from './support/paths';
import { delay } from './support/process-group';
import { machineSettings, profileSettings } from './support/profile';
import { openWorkbench, type Workbench } from './support/workbench';

const HARNESS_ID = 'talking-models-tests.e2e-harness-0.0.1';
/** The suite starts its own simulator and points the setting at it; this host is never used. */
const UNUSED_HOST = 'http://127.0.0.1:9';

describe('the extension inside a real extension host (mocha suite)', () => {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;

  afterAll(async () => {
    try {
      await workbench?.close();
    } finally {
      await server?.stop();
    }
  });

  it('passes every test of the suite', async () => {
    const resultsFile = join(SUITE_BUILD, 'results.json');
    server = await startCodeServer({
      vsixFiles: [VSIX, HARNESS_VSIX],
      extraFiles: [
        {
          extension: HARNESS_ID,
          files: { 'run.json': JSON.stringify({ suite: join(SUITE_BUILD, 'index.js'), results: resultsFile }) },
        },
      ],
      settings: profileSettings(UNUSED_HOST),
      machineSettings,
    });
    // code-server starts an extension host for each window that connects.
    workbench = await openWorkbench(server.workbenchUrl);

    const report = await readReport(resultsFile, 150_000, server);
    const failures = report.tests
      .filter((test) => test.state === 'failed')
      .map((test) => `✗ ${test.title}\n${test.error ?? ''}`);
    console.log(report.tests.map((test) => `${test.state === 'passed' ? '✓' : '✗'} ${test.title} (${test.durationMs} ms)`).join('\n'));
    expect(report.crash, report.crash).toBeUndefined();
    expect(failures.join('\n\n')).toBe('');
    // Every test the suite holds ran and passed (a suite that lost its tests must not pass).
    expect(report.tests.length).toBeGreaterThanOrEqual(6);
    expect(report.passed).toBe(report.tests.length);
    // The debates the suite ran were saved in the profile's own library folder.
    expect(savedDebates(server.profile.libraryFolder).length).toBeGreaterThan(0);
  });
});

async function readReport(file: string, timeoutMs: number, server: CodeServer): Promise<SuiteReport> {
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(file)) {
    if (Date.now() > deadline) {
      throw new Error(`the suite wrote no results within ${timeoutMs} ms. Extension host log:\n${server.extensionHostLog()}`);
    }
    await delay(500);
  }
  return JSON.parse(readFileSync(file, 'utf8')) as SuiteReport;
}
