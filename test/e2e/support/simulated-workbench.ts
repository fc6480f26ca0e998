// The set-up most workbench files need, registered once: the Ollama simulator with the file's
// models, code-server with the packaged VSIX pointed at it (the library in the profile), the
// workbench in Chromium; failure artifacts saved for a failed test; everything stopped after
// the file, each stop run even when one before it fails.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startSimulator, type OllamaSimulator, type SimulatorOptions } from '../../simulator/ollama-simulator';
import { startCodeServer, type CodeServer } from './code-server';
import { saveFailureArtifacts } from './failures';
import { SCREENSHOTS, VSIX } from './paths';
import { machineSettings, profileSettings } from './profile';
import { stopEach } from './teardown';
import { openWorkbench, type Workbench } from './workbench';

export interface SimulatedWorkbench {
  simulator: OllamaSimulator;
  server: CodeServer;
  page: Page;
  /** The profile's debate library folder. */
  library: string;
}

/** Registers the file's hooks; returns the running set-up (inside tests only). `settings` go in the user settings too. */
export function useSimulatedWorkbench(label: string, options: SimulatorOptions, settings: Record<string, unknown> = {}): () => SimulatedWorkbench {
  let simulator: OllamaSimulator | undefined;
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    simulator = await startSimulator(options);
    server = await startCodeServer({ vsixFiles: [VSIX], settings: { ...profileSettings(simulator.url), ...settings }, machineSettings });
    workbench = await openWorkbench(server.workbenchUrl);
  });

  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await saveFailureArtifacts(`${label} ${task.name}`, workbench?.page, server);
  });

  afterAll(() => stopEach(() => workbench?.close(), () => server?.stop(), () => simulator?.close()));

  return () => {
    if (simulator === undefined || server === undefined || workbench === undefined) throw new Error('The workbench starts in beforeAll: use it inside tests.');
    return { simulator, server, page: workbench.page, library: server.profile.libraryFolder };
  };
}
