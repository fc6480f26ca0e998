// What a failing UI test leaves behind in test-output/screenshots: the workbench as it was
// (`e2e-failed-<test>.png`) and the extension host logs (`e2e-failed-<test>.exthost.log`).
// The global setup clears those of earlier runs, so every file's artefacts survive this run.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CodeServer } from './code-server';
import { SCREENSHOTS } from './paths';

const FAILURE_PREFIX = 'e2e-failed-';

export function clearFailureArtifacts(): void {
  if (!existsSync(SCREENSHOTS)) return;
  for (const stale of readdirSync(SCREENSHOTS).filter((name) => name.startsWith(FAILURE_PREFIX))) rmSync(join(SCREENSHOTS, stale));
}

export async function saveFailureArtifacts(testName: string, page: Page | undefined, server: CodeServer | undefined): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const name = `${FAILURE_PREFIX}${slug(testName)}`;
  if (server) writeFileSync(join(SCREENSHOTS, `${name}.exthost.log`), server.extensionHostLog());
  if (page) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) }).catch(() => undefined);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, 60);
}
