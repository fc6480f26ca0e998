// The context meter on finished speaker turns in the real panel (Chromium, production CSP), in a
// light and a dark theme: a <meter> named by its words from the turn's metrics, a warning when
// the prompt filled the window, the note on earlier turns left out or shortened, and nothing for
// a turn recorded without the figures.
import { describe, expect, it } from 'vitest';
import type { SpeakerTurn, TurnMetrics } from '../../engine/types';
import type { HostMessage } from '../../extension/contract/protocol';
import { debate, init, runStart, status, tokenize, tokenMessages, transcript, turn, turnStart } from './fixtures';
import type { PanelPage, Theme } from './harness';
import { useCheckedPanels } from './more-panels';

const onPanel = useCheckedPanels();
const withPanel = (theme: Theme, test: (panel: PanelPage) => Promise<void>) => onPanel({ theme, width: 420 }, test);

function measured(position: number, text: string, figures: Partial<TurnMetrics>, contextTrim?: SpeakerTurn['contextTrim']): SpeakerTurn {
  const plain = turn(position, text);
  return { ...plain, metrics: { ...plain.metrics, ...figures }, ...(contextTrim !== undefined && { contextTrim }) };
}

function shown(...turns: SpeakerTurn[]): HostMessage {
  return debate({ status: 'done', transcript: transcript({ turns, exchanges: 2, outcome: 'complete', stopReason: 'exchanges', endedAt: '2025-11-25T09:01:00Z' }) });
}

const article = ({ page }: PanelPage, position: number) => page.locator(`article[data-turn-id="turn-${position}"]`);

type Rgb = [number, number, number];

/** A theme colour as the page resolves it. */
async function themeColour({ page }: PanelPage, variable: string): Promise<Rgb> {
  const colour = await page.evaluate(`(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(${variable})';
    document.body.append(probe);
    const value = getComputedStyle(probe).color;
    probe.remove();
    return value;
  })()`) as string;
  return (colour.match(/\d+/g) ?? []).slice(0, 3).map(Number) as Rgb;
}

/** The colour the meter's filled part shows on screen: its screenshot decoded in the page, read a tenth of the way in. */
async function barColour(panel: PanelPage, position: number): Promise<Rgb> {
  const png = await article(panel, position).locator('meter').screenshot();
  return panel.page.evaluate(`(async () => {
    const bitmap = await createImageBitmap(new Blob([new Uint8Array(${JSON.stringify([...png])})], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    context.drawImage(bitmap, 0, 0);
    const [r, g, b] = context.getImageData(Math.floor(bitmap.width / 10), Math.floor(bitmap.height / 2), 1, 1).data;
    return [r, g, b];
  })()`) as Promise<Rgb>;
}

describe('the context meter', () => {
  for (const theme of ['light', 'dark'] as Theme[]) {
    it(`(${theme}) shows the prompt against the window, warns when it filled the window, and notes what was left out`, () => withPanel(theme, async (panel) => {
      await panel.send(init(), shown(
        measured(0, 'Tabs.', { promptTokens: 1840, cachedPromptTokens: 1620, contextWindow: 8192 }),
        measured(1, 'Spaces.', { promptTokens: 8000, contextWindow: 8192 }, { leftOutTurns: 3, shortenedTurns: 1 }),
        measured(2, 'Tabs again.', { promptTokens: 2100, contextWindow: 4096 }, { leftOutTurns: 0, shortenedTurns: 2 }),
      ));
      const first = article(panel, 0);
      const meter = first.getByRole('meter', { name: 'prompt 1,840 / 8,192 tokens (1,620 cached)', exact: true });
      await expect.poll(() => meter.count()).toBe(1);
      expect(await panel.page.evaluate(`(() => {
        const meter = document.querySelector('article[data-turn-id="turn-0"] meter');
        return [meter.tagName, meter.value, meter.max, meter.min];
      })()`)).toEqual(['METER', 1840, 8192, 0]);
      expect(await first.locator('.context-meter-text').textContent()).toBe('prompt 1,840 / 8,192 tokens (1,620 cached)');
      expect(await first.locator('.context-meter-warning, .context-trim-note').count()).toBe(0);
      expect(await first.locator('.context-meter').getAttribute('class')).toBe('context-meter');
      expect(await first.locator('.context-meter').isVisible()).toBe(true);

      // 8,000 of 8,192 tokens: 98% of the window, so Ollama may have cut it.
      const full = article(panel, 1);
      expect(await full.locator('.context-meter').getAttribute('class')).toBe('context-meter context-meter-full');
      expect(await full.getByRole('meter', { name: 'prompt 8,000 / 8,192 tokens', exact: true }).count()).toBe(1);
      expect(await full.locator('.context-meter-warning').textContent()).toBe('The prompt filled 98% of the window: Ollama may have cut its start.');
      expect(await full.locator('.context-trim-note').textContent()).toBe('3 earlier turns left out and 1 shortened to fit');
      // The full meter's bar is drawn in the theme's warning colour, the other in its progress colour (read off the screen).
      const warning = await themeColour(panel, '--vscode-editorWarning-foreground');
      expect(await barColour(panel, 1)).toEqual(warning);
      expect(await barColour(panel, 0)).toEqual(await themeColour(panel, '--vscode-progressBar-background'));

      expect(await article(panel, 2).locator('.context-trim-note').textContent()).toBe('2 earlier turns shortened to fit');
      expect(await article(panel, 2).locator('.context-meter-warning').count()).toBe(0);

      // Every meter fits the narrow card.
      for (const position of [0, 1, 2]) {
        const card = await article(panel, position).boundingBox();
        const box = await article(panel, position).locator('.context-meter').boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(card!.x + card!.width);
      }
    }));
  }

  it('is absent from turns recorded without the figures, and the note stands alone when only the trim is known', () => withPanel('dark', async (panel) => {
    await panel.send(init(), shown(
      turn(0, 'An older turn.'),
      measured(1, 'No window recorded.', { promptTokens: 900 }),
      measured(2, 'No prompt count.', { promptTokens: null, contextWindow: 8192 }, { leftOutTurns: 1, shortenedTurns: 0 }),
    ));
    await expect.poll(() => article(panel, 2).count()).toBe(1);
    expect(await article(panel, 0).locator('.context-meter').count()).toBe(0);
    expect(await article(panel, 1).locator('.context-meter').count()).toBe(0);
    expect(await article(panel, 2).locator('meter').count()).toBe(0);
    expect(await article(panel, 2).locator('.context-trim-note').textContent()).toBe('1 earlier turn left out to fit');
    // The figures the footer always had are still there.
    expect(await article(panel, 0).locator('.turn-metrics').textContent()).toContain('tokens');
  }));

  it('appears when a streamed turn ends, not while it streams', () => withPanel('light', async (panel) => {
    const text = 'Tabs, because they are accessible.';
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize(text), 3));
    await panel.frames();
    const card = article(panel, 0);
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator('.context-meter').count()).toBe(0);
    await panel.send({ type: 'debate-event', event: { type: 'turn-end', turn: measured(0, text, { promptTokens: 4000, contextWindow: 4096 }) } });
    await expect.poll(() => card.locator('.context-meter-full').count()).toBe(1);
    expect(await card.getByRole('meter', { name: 'prompt 4,000 / 4,096 tokens', exact: true }).count()).toBe(1);
  }));
});
