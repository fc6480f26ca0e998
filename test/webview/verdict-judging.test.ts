// Judging from the panel (Chromium, production CSP): Judge… opens a picker of the installed
// models proposing the host's model (or, with none remembered, a model no speaker uses), posts
// a judge request the host accepts, shows "Judging: order 1 of 2…" with Cancel (which posts
// cancel-judge), then the card the host's debate brings; a missing judge model offers Pull, and
// a debate that can't be judged says why. All by keyboard.
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage } from '../../extension/contract/protocol';
import { debate, init, transcript, turn } from './fixtures';
import { usePanelPerTest } from './panel-suite';
import { judgedDebate, judgeMessage, JUDGE_MODEL, verdict } from './verdict-fixtures';

// A fresh panel per test, checked afterwards to have broken no CSP rule.
const currentPanel = usePanelPerTest();

const JUDGING = { kind: 'judging', debateId: 'debate-1', model: 'qwen2.5:7b' } as const;

describe('judging from the panel', () => {
  it('by keyboard: Judge…, the proposed model, Enter; progress with Cancel; then the verdict card', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init(), judgedDebate([]), judgeMessage({ kind: 'idle' }));
    const judge = page.getByRole('button', { name: 'Judge…', exact: true });
    await expect.poll(() => judge.isVisible()).toBe(true);
    await judge.focus();
    await page.keyboard.press('Enter');
    const picker = page.getByRole('combobox', { name: 'Judge model', exact: true });
    await expect.poll(() => picker.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await picker.inputValue()).toBe(JUDGE_MODEL);
    // The installed models are offered as for the speakers; an installed one is described.
    expect(await picker.getAttribute('list')).toBe('installed-models');
    expect(await page.locator('#judge-model-status').textContent()).toContain('4.3B');

    await picker.fill('qwen2.5:7b');
    await page.keyboard.press('Enter');
    const posted = parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'judge'));
    expect(posted).toEqual({ ok: true, message: { type: 'judge', model: 'qwen2.5:7b' } });
    expect(await picker.isVisible()).toBe(false);

    await panel.send(judgeMessage({ ...JUDGING, order: 0, orders: 0, retry: false }));
    const progress = page.locator('.judge-progress');
    await expect.poll(() => progress.textContent()).toBe('Judging: reading the debate…qwen2.5:7b');
    await panel.send(judgeMessage({ ...JUDGING, order: 1, orders: 2, retry: false }));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Judging: order 1 of 2…' }).count()).toBe(1);
    await panel.send(judgeMessage({ ...JUDGING, order: 2, orders: 2, retry: true }));
    await expect.poll(() => progress.textContent()).toBe('Judging: order 2 of 2, asking again with the schema restated…qwen2.5:7b');
    expect(await judge.isVisible()).toBe(false);

    const cancel = page.getByRole('button', { name: 'Cancel judging', exact: true });
    await cancel.focus();
    await page.keyboard.press('Enter');
    expect(parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'cancel-judge'))).toEqual({ ok: true, message: { type: 'cancel-judge' } });
    // Escape cancels too (outside a field), and never stops anything else.
    await panel.clearPosted();
    await page.locator('body').press('Escape');
    expect(await panel.waitForPosted((message) => message.type === 'cancel-judge')).toEqual({ type: 'cancel-judge' });
    expect((await panel.posted()).map((message) => message.type)).toEqual(['cancel-judge']);

    // The host saved a verdict: the debate comes back with it, and the judging ends.
    await panel.send(judgedDebate([verdict({ judgeModel: 'qwen2.5:7b' })]), judgeMessage({ kind: 'idle' }, 'qwen2.5:7b'));
    await expect.poll(() => page.locator('article.verdict-card .verdict-judge-model').textContent()).toBe('qwen2.5:7b');
    expect(await progress.count()).toBe(0);
    expect(await cancel.isVisible()).toBe(false);
    expect(await judge.isVisible()).toBe(true);
  });

  it('proposes a model no speaker uses when the host remembers none, and Escape closes the picker', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init(), judgedDebate([]), judgeMessage({ kind: 'idle' }, ''));
    const judge = page.getByRole('button', { name: 'Judge…', exact: true });
    await judge.click();
    const picker = page.getByRole('combobox', { name: 'Judge model', exact: true });
    // The speakers use llama3.2:1b and qwen2.5:7b.
    expect(await picker.inputValue()).toBe('gemma3:4b');
    await picker.fill('');
    await page.keyboard.press('Enter');
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    expect((await panel.posted()).some((message) => message.type === 'judge')).toBe(false);
    await page.keyboard.press('Escape');
    expect(await picker.isVisible()).toBe(false);
    expect(await judge.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
  });

  it('a missing judge model offers Pull, then judging with it; Ollama not answering offers to try again', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const missing = { kind: 'model-missing', message: 'The judge model phi4:14b is not installed on http://127.0.0.1:11434. Pull it, or choose an installed model.', model: 'phi4:14b' } as const;
    await panel.send(init(), judgedDebate([]), judgeMessage({ kind: 'failed', debateId: 'debate-1', model: 'phi4:14b', error: missing }));
    const failure = page.getByRole('alert').filter({ hasText: 'No verdict' });
    await expect.poll(() => failure.textContent()).toContain('phi4:14b is not installed');
    await page.getByRole('button', { name: 'Pull phi4:14b', exact: true }).click();
    expect(parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'pull-model'))).toEqual({ ok: true, message: { type: 'pull-model', model: 'phi4:14b' } });
    await panel.send({ type: 'pull-progress', model: 'phi4:14b', progress: { status: 'downloading', completedBytes: 5, totalBytes: 10, fraction: 0.5 } });
    await expect.poll(() => failure.locator('progress').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Pull phi4:14b', exact: true }).count()).toBe(0);
    await panel.send({ type: 'pull-done', model: 'phi4:14b' });
    await panel.clearPosted();
    await page.getByRole('button', { name: 'Judge with phi4:14b', exact: true }).click();
    expect(parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'judge'))).toEqual({ ok: true, message: { type: 'judge', model: 'phi4:14b' } });

    const down = { kind: 'unreachable', message: 'Cannot reach Ollama at http://127.0.0.1:11434. Is Ollama running?' } as const;
    await panel.send(judgeMessage({ kind: 'failed', debateId: 'debate-1', model: JUDGE_MODEL, error: down }));
    await expect.poll(() => failure.textContent()).toContain('Cannot reach Ollama');
    await panel.clearPosted();
    await page.getByRole('button', { name: `Judge with ${JUDGE_MODEL}`, exact: true }).click();
    expect(parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'judge'))).toEqual({ ok: true, message: { type: 'judge', model: JUDGE_MODEL } });
  });

  it('says why a debate can not be judged: one speaker spoke, or it runs elsewhere', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const oneSide = transcript({ turns: [turn(0, 'Tabs.')], outcome: 'stopped', stopReason: 'user', endedAt: '2025-11-25T09:01:00Z' });
    await panel.send(init(), debate({ status: 'stopped', transcript: oneSide }));
    const judge = page.getByRole('button', { name: 'Judge…', exact: true });
    await expect.poll(() => judge.isDisabled()).toBe(true);
    const hint = page.locator(`#${await judge.getAttribute('aria-describedby')}`);
    expect(await hint.textContent()).toBe('Judging is not possible now: a verdict needs at least two speakers who said something.');

    const twoSides = transcript({ turns: [turn(0, 'Tabs.'), turn(1, 'Spaces.')], outcome: 'running' });
    await panel.send(debate({ status: 'running-elsewhere', transcript: twoSides, access: { kind: 'read-only', reason: 'This debate is running in the CLI.' } }));
    await expect.poll(() => hint.textContent()).toBe('Judging is not possible now: the debate runs elsewhere; judge it once it ends.');
    expect(await judge.isDisabled()).toBe(true);
  });
});
