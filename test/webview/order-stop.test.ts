// The turn order and the stop on repetition in the real panel (Chromium, production CSP): chosen
// in the set-up form at its narrowest, posted in the start request the host turns into the
// engine's config, kept with the draft, named in the folded set-up, and a debate that ended on a
// repetition says so in the status line (as text: the note carries untrusted names).
import { describe, expect, it } from 'vitest';
import { DEFAULT_REPETITION_RULE } from '../../engine/repetition';
import { parseWebviewMessage } from '../../extension/contract/protocol';
import { toDebateConfig } from '../../extension/debate/debate-request';
import { readSettings } from '../../extension/settings';
import { HOST, init, runStart, SPEAKERS, transcript, turn } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

const openPanel = usePanelBrowser();

async function withPanel(options: Parameters<typeof openPanel>[0], test: (panel: PanelPage) => Promise<void>): Promise<void> {
  const panel = await openPanel(options);
  try {
    await test(panel);
    expect(await panel.cspViolations()).toEqual([]);
  } finally {
    await panel.close();
  }
}

/** The last event of a run the repetition rule ended, its note as the engine words it (here with `name` as the speaker). */
function repetitionEnd(note: string) {
  const turns = [turn(1, 'Tabs.'), turn(2, 'Spaces.')];
  return { type: 'debate-event' as const, event: { type: 'run-end' as const, transcript: transcript({
    turns, outcome: 'complete', stopReason: 'repetition', stopNote: note, endedAt: '2025-11-25T09:01:00Z',
    order: { kind: 'random', seed: 7 }, stopOn: { repetition: DEFAULT_REPETITION_RULE },
  }) } };
}

describe('choosing the turn order and the stop on repetition', () => {
  it('at 320 px: chosen by keyboard, posted in the start request, and run by the engine as chosen', async () => {
    await withPanel({ width: 320, height: 900 }, async (panel) => {
      const { page } = panel;
      await panel.send(init());
      const order = page.getByRole('combobox', { name: 'Order', exact: true });
      const stop = page.getByRole('checkbox', { name: 'Stop early when a speaker repeats itself', exact: true });
      await expect.poll(() => order.inputValue()).toBe('round-robin');
      expect(await stop.isChecked()).toBe(false);
      expect(await order.locator('option').allTextContents()).toEqual([
        'Round-robin — listed order', 'Random — reshuffled each round', 'Reply — each answers the one before',
        'Simultaneous — everyone answers the previous round at once; a blind first round', 'Moderator picks — the AI moderator chooses who speaks next',
      ]);
      // The hints are the fields' descriptions; the rule's numbers are the checkbox's tooltip too.
      const orderHint = (await order.getAttribute('aria-describedby'))?.split(' ')[0];
      expect(await page.locator(`#${orderHint}`).textContent()).toBe('Who speaks when within each exchange.');
      expect(await stop.getAttribute('title')).toBe("60% of a reply's 3-word runs already said by that speaker");
      expect(await page.locator(`#${await stop.getAttribute('aria-describedby')}`).textContent()).toContain("60% of a reply's 3-word runs");

      // Keyboard only: the order with the arrow key, the box with Space.
      await order.focus();
      await page.keyboard.press('ArrowDown');
      await expect.poll(() => order.inputValue()).toBe('random');
      await stop.focus();
      await page.keyboard.press('Space');
      expect(await stop.isChecked()).toBe(true);

      // Nothing is wider than the panel at its narrowest.
      expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
      for (const field of [order, stop, page.getByText('Stop early when a speaker repeats itself', { exact: true })]) {
        const box = await field.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x + box!.width).toBeLessThanOrEqual(320);
      }

      await page.getByRole('button', { name: 'Start debate', exact: true }).click();
      const parsed = parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'start'));
      if (!parsed.ok || parsed.message.type !== 'start') throw new Error(`The host would refuse the start: ${JSON.stringify(parsed)}`);
      expect(parsed.message.request).toEqual({
        topic: 'Tabs or spaces?', speakers: SPEAKERS.map(({ model, tone }) => ({ model, tone })), exchanges: 3, order: 'random', stopOnRepetition: true,
      });
      const config = toDebateConfig(parsed.message.request, readSettings(() => undefined), HOST);
      expect(config.order).toEqual({ kind: 'random' });
      expect(config.stopOn).toEqual({ repetition: DEFAULT_REPETITION_RULE });
      // Kept with the draft, for a hidden or reloaded panel.
      expect(await panel.savedState()).toMatchObject({ form: { order: 'random', stopOnRepetition: true } });
    });
  });

  it('names a non-default order and the stop in the folded set-up, and says the debate ended early on a repetition', async () => {
    await withPanel({ width: 320, height: 700 }, async (panel) => {
      const { page } = panel;
      await panel.send(init());
      await page.getByRole('combobox', { name: 'Order', exact: true }).selectOption('reply');
      await page.getByRole('checkbox', { name: 'Stop early when a speaker repeats itself', exact: true }).check();
      await page.getByRole('button', { name: 'Start debate', exact: true }).click();
      await panel.waitForPosted((message) => message.type === 'start');
      await panel.send(runStart());
      const summary = page.locator('.setup-summary-text');
      await expect.poll(() => summary.textContent()).toBe('Tabs or spaces? · llama3.2:1b (Rational), qwen2.5:7b (Cynic) · 3 exchanges · reply order · stops on repetition');

      // A speaker's name is untrusted: markup in it stays text.
      const note = 'Speaker <img src=x onerror="window.__hacked=1"> repeated 100% of their reply from exchange 1 in exchange 2.';
      await panel.send(repetitionEnd(note));
      const status = page.getByRole('status').filter({ hasText: 'Debate ended' });
      await expect.poll(() => status.textContent()).toBe(`Debate ended early: ${note}`);
      expect(await page.locator('.status-line img').count()).toBe(0);
      expect(await page.evaluate('window.__hacked')).toBeUndefined();
    });
  });

  it('says "Debate finished." when the debate ran all its exchanges', async () => {
    await withPanel({}, async (panel) => {
      await panel.send(init(), runStart());
      await panel.send({ type: 'debate-event', event: { type: 'run-end', transcript: transcript({
        turns: [turn(1, 'Tabs.')], outcome: 'complete', stopReason: 'exchanges', stopNote: 'left over from an earlier run', endedAt: '2025-11-25T09:01:00Z',
      }) } });
      await expect.poll(() => panel.page.locator('.status-line').textContent()).toBe('Debate finished.');
    });
  });

  it('restores the order and the stop from a saved draft, and reads an older draft without them as the defaults', async () => {
    const speakers = [{ model: 'gemma3:4b', tone: 'Adversary' }, { model: 'gemma3:4b', tone: 'Cynic' }];
    const drafts = [
      { form: { topic: 'Draft', speakers, exchanges: 2, order: 'reply', stopOnRepetition: true }, order: 'reply', stop: true },
      { form: { topic: 'Draft', speakers, exchanges: 2 }, order: 'round-robin', stop: false },
      { form: { topic: 'Draft', speakers, exchanges: 2, order: 'alternating', stopOnRepetition: 'yes' }, order: 'round-robin', stop: false },
    ];
    for (const { form, order, stop } of drafts) {
      await withPanel({ savedState: { form } }, async (panel) => {
        const { page } = panel;
        await panel.send(init());
        await expect.poll(() => page.getByRole('textbox', { name: 'Topic', exact: true }).inputValue()).toBe('Draft');
        expect(await page.getByRole('combobox', { name: 'Order', exact: true }).inputValue(), JSON.stringify(form)).toBe(order);
        expect(await page.getByRole('checkbox', { name: 'Stop early when a speaker repeats itself', exact: true }).isChecked(), JSON.stringify(form)).toBe(stop);
      });
    }
  });
});
