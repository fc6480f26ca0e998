// What the in-extension-host suite writes for the outer test (harness) to read.
export interface SuiteTestResult {
  /** Full title: "suite title test title". */
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export interface SuiteReport {
  passed: number;
  failed: number;
  tests: SuiteTestResult[];
  /** Set when the suite could not run at all (load error). */
  crash?: string;
}
