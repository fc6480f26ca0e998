// "Export Decision Record" in the panel (Chromium, production CSP): beside Export to Markdown,
// shown only for a debate that can have one (stopped, something said, held by no other
// window); pressed (by keyboard), it posts `export-decision-record`; while the host works it
// says so, is disabled and busy; then the notice says where the record was written with a
// link that posts `open-export` for it, or why there is none; a reloaded webview draws it again.
import { describe, expect, it } from 'vitest';
import type { DecisionRecordState } from '../../extension/contract/decision-record';
import type { HostMessage } from '../../extension/contract/protocol';
import { parseWebviewMessage } from '../../extension/contract/protocol';
import { debate, init, status, transcript, turn } from './fixtures';
import { usePanelPerTest } from './panel-suite';

const currentPanel = usePanelPerTest();

const RECORD = '/work/app/docs/decisions/0001-use-tabs.md';
const TURNS = [turn(0, 'Tabs, because width is a preference.'), turn(1, 'Spaces, because they look the same everywhere.')];

function finished(overrides: Parameters<typeof transcript>[0] = {}): HostMessage {
  return debate({ status: 'done', transcript: transcript({ turns: TURNS, outcome: 'complete', stopReason: 'exchanges', endedAt: '2025-11-25T09:01:00Z', ...overrides }) });
}

function recordMessage(state: DecisionRecordState): HostMessage {
  return { type: 'decision-record', decisionRecord: state };
}

describe('Export Decision Record in the panel', () => {
  it('beside Export to Markdown for a finished debate; by keyboard it posts the request; busy and disabled while it runs; then where, with a link', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init(), finished());
    const button = page.getByRole('button', { name: 'Export Decision Record', exact: true });
    await expect.poll(() => button.isVisible(), { timeout: 15_000 }).toBe(true);
    // In the header's actions, right after Export to Markdown.
    expect(await page.locator('.panel-header .setup-actions > button').evaluateAll((buttons) => buttons.map((element) => element.textContent))).toEqual([
      expect.stringContaining('Start'), 'Export to Markdown', 'Export Decision Record',
    ]);

    await button.focus();
    await page.keyboard.press('Enter');
    expect(parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'export-decision-record'))).toEqual({ ok: true, message: { type: 'export-decision-record' } });

    await panel.send(recordMessage({ kind: 'working', debateId: 'debate-1' }));
    const busy = page.getByRole('button', { name: 'Drafting Decision Record…', exact: true });
    await expect.poll(() => busy.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await busy.isDisabled()).toBe(true);
    expect(await busy.getAttribute('aria-busy')).toBe('true');
    await panel.clearPosted();
    await busy.click({ force: true });
    expect((await panel.posted()).filter((message) => message.type === 'export-decision-record')).toEqual([]);

    await panel.send(recordMessage({ kind: 'written', debateId: 'debate-1', location: RECORD }));
    await expect.poll(() => button.isEnabled(), { timeout: 15_000 }).toBe(true);
    expect(await button.getAttribute('aria-busy')).toBe('false');
    const notice = page.locator('.notice');
    await expect.poll(() => notice.textContent()).toBe(`Decision record written to ${RECORD}`);
    const link = notice.getByRole('button', { name: RECORD });
    await link.focus();
    await page.keyboard.press('Enter');
    expect(await panel.waitForPosted((message) => message.type === 'open-export')).toEqual({ type: 'open-export', path: RECORD });
  });

  it('why there is none, in the notice; the button is there to try again', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init(), finished(), recordMessage({ kind: 'working', debateId: 'debate-1' }));
    await panel.send(recordMessage({ kind: 'failed', debateId: 'debate-1', reason: 'The judge model gemma3:27b is not installed on http://127.0.0.1:11434.' }));
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 15_000 }).toBe(
      'No decision record was written: The judge model gemma3:27b is not installed on http://127.0.0.1:11434.',
    );
    const button = page.getByRole('button', { name: 'Export Decision Record', exact: true });
    expect(await button.isEnabled()).toBe(true);
  });

  it('a reloaded webview draws the record written from its snapshot', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init({
      status: 'done',
      transcript: transcript({ turns: TURNS, outcome: 'complete', stopReason: 'exchanges' }),
      decisionRecord: { kind: 'written', debateId: 'debate-1', location: RECORD },
    }));
    await expect.poll(() => page.locator('.notice').textContent(), { timeout: 15_000 }).toBe(`Decision record written to ${RECORD}`);
  });

  it.each([
    ['before any debate', [init()]],
    ['while the debate runs', [init(), finished({ outcome: 'running', endedAt: null }), status('speaking')]],
    ['while it waits for the moderator', [init(), finished({ outcome: 'paused' }), status('paused')]],
    ['when nothing was said (a stopped first turn)', [init(), debate({ status: 'stopped', transcript: transcript({ turns: [turn(0, 'Tabs, bec', 'stopped')], outcome: 'stopped' }) })]],
    ['when another window runs it', [init(), debate({ status: 'running-elsewhere', transcript: transcript({ turns: TURNS }), access: { kind: 'read-only', reason: 'in the CLI' } })]],
  ] as [string, HostMessage[]][])('not shown %s', async (_when, messages) => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(...messages);
    // The panel has drawn what it was sent: Export to Markdown is there.
    await expect.poll(() => page.getByRole('button', { name: 'Export to Markdown', exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.decision-record-button').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Export Decision Record' }).count()).toBe(0);
  });

  it('shown again once a stopped debate is shown, and for a stopped debate with a complete turn', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init(), finished({ outcome: 'running', endedAt: null }), status('speaking'));
    const button = page.locator('.decision-record-button');
    await expect.poll(() => page.getByRole('button', { name: 'Export to Markdown', exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await button.isVisible()).toBe(false);
    await panel.send(debate({ status: 'stopped', transcript: transcript({ turns: [TURNS[0]!, turn(1, 'Spa', 'stopped')], outcome: 'stopped' }) }));
    await expect.poll(() => button.isVisible(), { timeout: 15_000 }).toBe(true);
  });
});
