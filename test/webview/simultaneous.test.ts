// A simultaneous round in the real webview: three turns stream at once, side by side on a wide
// panel and stacked on a narrow one, each a busy region named for its speaker; each collapses
// into the transcript as it ends, in any order, while the others stream on; the page keeps
// following; the progress line counts the round's turns together. And the status line says
// what the AI moderator is doing.
import { describe, expect, it } from 'vitest';
import type { SpeakerTurn, Transcript } from '../../engine/types';
import type { HostMessage, LiveTurn, PanelEvent } from '../../extension/contract/protocol';
import { init, metrics, status, tokenize, transcript } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

const SPEAKERS = [
  { name: 'Ada', model: 'llama3.2:1b', tone: 'Rational' },
  { name: 'Bo', model: 'qwen2.5:7b', tone: 'Cynic' },
  { name: 'Cy', model: 'gemma3:4b', tone: 'Philosopher' },
];
const REPLIES = ['Tabs: one keypress, one level.', 'Spaces, because *every* editor agrees.', 'Both, as the codebase already does.'];

const openPanel = usePanelBrowser();

async function withPanel(test: (panel: PanelPage) => Promise<void>, width = 1200): Promise<void> {
  const panel = await openPanel({ width });
  try {
    await test(panel);
    expect(await panel.cspViolations()).toEqual([]);
  } finally {
    await panel.close();
  }
}

function round(overrides: Partial<Transcript> = {}): Transcript {
  return transcript({ speakers: SPEAKERS, exchanges: 2, order: { kind: 'simultaneous' }, ...overrides });
}

const event = (value: PanelEvent): HostMessage => ({ type: 'debate-event', event: value });
const id = (index: number) => `r1-${index}`;

function heading(index: number): Omit<LiveTurn, 'text'> {
  const { name: speaker, model, tone } = SPEAKERS[index]!;
  return { turnId: id(index), speakerIndex: index, speaker, model, tone, exchange: 1 };
}

function finished(index: number): SpeakerTurn {
  const { turnId, closing: _closing, ...rest } = heading(index);
  return { kind: 'speaker', id: turnId, ...rest, text: REPLIES[index]!, status: 'complete', metrics: metrics(tokenize(REPLIES[index]!).length) };
}

/** The three replies' tokens, taken in turn from each stream (as three models answering at once would send them). */
function interleavedTokens(upTo = Number.POSITIVE_INFINITY): HostMessage[] {
  const streams = REPLIES.map((reply) => tokenize(reply));
  const messages: HostMessage[] = [];
  for (let at = 0; at < Math.min(upTo, Math.max(...streams.map((stream) => stream.length))); at++) {
    streams.forEach((stream, index) => {
      const piece = stream[at];
      if (piece !== undefined) messages.push(event({ type: 'token', turnId: id(index), text: piece, chunks: 1 }));
    });
  }
  return messages;
}

const roundBegins: HostMessage[] = [
  init(), event({ type: 'run-start', transcript: round() }), status('speaking'),
  ...[0, 1, 2].map((index) => event({ type: 'turn-start', ...heading(index) })),
];

const card = (panel: PanelPage, index: number) => panel.page.locator(`article[data-turn-id="${id(index)}"]`);
const box = async (panel: PanelPage, index: number) => (await card(panel, index).boundingBox())!;

describe('a simultaneous round in the panel', () => {
  it('streams three turns side by side, each a busy region named for its speaker, then collapses each into the transcript as it ends', () => withPanel(async (panel) => {
    const { page } = panel;
    await panel.send(...roundBegins, ...interleavedTokens());
    await panel.frames();

    const group = page.getByRole('group', { name: 'Exchange 1: speakers answering at once' });
    expect(await group.locator('article.turn.live').count()).toBe(3);
    for (const [index, speaker] of SPEAKERS.entries()) {
      const region = page.getByRole('region', { name: new RegExp(`^${speaker.name} \\(${speaker.model}\\), speaking`) });
      expect(await region.getAttribute('aria-busy')).toBe('true');
      expect(await region.locator('.speaker-name').textContent()).toBe(speaker.name);
      expect((await region.locator('.turn-body').textContent())?.trim()).toBe(REPLIES[index]!.replace(/\*/g, ''));
    }
    // Side by side: one row, left to right in the order they began, each well under half the width.
    const boxes = [await box(panel, 0), await box(panel, 1), await box(panel, 2)];
    expect(Math.abs(boxes[0]!.y - boxes[2]!.y)).toBeLessThan(2);
    expect(boxes[0]!.x).toBeLessThan(boxes[1]!.x);
    expect(boxes[1]!.x).toBeLessThan(boxes[2]!.x);
    expect(boxes[1]!.x).toBeGreaterThanOrEqual(boxes[0]!.x + boxes[0]!.width);
    expect(await page.locator('.status-line').textContent()).toBe('Ada (llama3.2:1b), Bo (qwen2.5:7b) and Cy (gemma3:4b) are speaking…');
    expect(await page.locator('.progress-counts').textContent()).toBe('Round 1 of 2 · turns 1–3 of 6');

    // The middle turn ends first: its card, the same element, leaves the round for the transcript; the others stream on.
    const middle = await card(panel, 1).elementHandle();
    await panel.send(event({ type: 'turn-end', turn: finished(1) }), event({ type: 'token', turnId: id(0), text: ' Really.', chunks: 1 }));
    await panel.frames();
    expect(await page.locator('.turns > article[data-turn-id="r1-1"]').count()).toBe(1);
    expect(await middle?.evaluate((element) => element.isConnected && !element.closest('.live-round'))).toBe(true);
    expect(await card(panel, 1).getAttribute('class')).not.toContain('live');
    expect(await card(panel, 1).getAttribute('aria-busy')).toBeNull();
    expect(await card(panel, 1).getAttribute('role')).toBeNull();
    expect(await card(panel, 1).getAttribute('aria-label')).toBe('Bo, exchange 1');
    expect(await card(panel, 1).locator('em').textContent()).toBe('every');
    expect(await group.locator('article.turn.live').count()).toBe(2);
    expect((await card(panel, 0).locator('.turn-body').textContent())?.trim()).toBe(`${REPLIES[0]} Really.`);
    expect(await page.locator('.status-line').textContent()).toBe('Ada (llama3.2:1b) and Cy (gemma3:4b) are speaking…');
    expect(await page.locator('.progress-counts').textContent()).toBe('Round 1 of 2 · turns 1–3 of 6');
    // The finished turn stands above the round still streaming.
    expect((await box(panel, 1)).y).toBeLessThan((await box(panel, 0)).y);

    await panel.send(event({ type: 'turn-end', turn: finished(2) }));
    await panel.frames();
    expect(await page.locator('.status-line').textContent()).toBe('Ada (llama3.2:1b) is speaking…');
    expect(await page.locator('.progress-counts').textContent()).toBe('Round 1 of 2 · turn 1 of 6');
    await panel.send(event({ type: 'turn-end', turn: finished(0) }));
    await panel.frames();
    expect(await page.locator('.live-round').count()).toBe(0);
    expect(await page.locator('article.live').count()).toBe(0);
    const order = await page.locator('.turns > [data-turn-id]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-turn-id')));
    expect(order).toEqual([id(1), id(2), id(0)]);
    expect((await card(panel, 0).locator('.turn-body').textContent())?.trim()).toBe(REPLIES[0]);

    // The run's end carries the turns as the engine recorded them: drawn in that order, the cards kept.
    const ended = round({ turns: [finished(0), finished(1), finished(2)], outcome: 'complete', stopReason: 'exchanges', endedAt: '2025-11-25T09:01:00Z' });
    await panel.send(event({ type: 'run-end', transcript: ended }));
    await panel.frames();
    expect(await page.locator('.turns > [data-turn-id]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-turn-id')))).toEqual([id(0), id(1), id(2)]);
    expect(await middle?.evaluate((element) => element.isConnected)).toBe(true);
  }));

  it('stacks the turns on a narrow panel, one under the other, full width', () => withPanel(async (panel) => {
    await panel.send(...roundBegins, ...interleavedTokens(3));
    await panel.frames();
    expect(await panel.page.locator('.live-round article.turn.live').count()).toBe(3);
    const boxes = [await box(panel, 0), await box(panel, 1), await box(panel, 2)];
    expect(Math.abs(boxes[0]!.x - boxes[1]!.x)).toBeLessThan(2);
    expect(Math.abs(boxes[1]!.x - boxes[2]!.x)).toBeLessThan(2);
    expect(boxes[0]!.y + boxes[0]!.height).toBeLessThanOrEqual(boxes[1]!.y);
    expect(boxes[1]!.y + boxes[1]!.height).toBeLessThanOrEqual(boxes[2]!.y);
    const transcriptWidth = (await panel.page.locator('.turns').boundingBox())!.width;
    expect(boxes[0]!.width).toBeGreaterThan(transcriptWidth - 2);
  }, 480));

  it('keeps following the newest text while the three columns grow, whatever moves the page but the reader, and stops when the reader scrolls up', () => withPanel(async (panel) => {
    const { page } = panel;
    const long = Array.from({ length: 30 }, (_, i) => `Point ${i} of a long answer.`).join('\n\n');
    await panel.send(...roundBegins);
    const atBottom = (): Promise<boolean> => page.evaluate('document.scrollingElement.scrollHeight - document.scrollingElement.clientHeight - document.scrollingElement.scrollTop < 40') as Promise<boolean>;
    for (const piece of tokenize(long).reduce<string[][]>((chunks, token, at) => (at % 12 === 0 ? [...chunks, [token]] : [...chunks.slice(0, -1), [...chunks.at(-1)!, token]]), [])) {
      await panel.send(...[0, 1, 2].map((index) => event({ type: 'token', turnId: id(index), text: piece.join(''), chunks: piece.length })));
      await panel.frames();
      expect(await atBottom()).toBe(true);
    }
    expect(await page.evaluate('document.scrollingElement.scrollTop')).toBeGreaterThan(0);
    // The page moving by itself (no wheel, key, touch or pointer of the reader's) does not stop the following.
    await page.evaluate('document.scrollingElement.scrollTop = 0');
    await panel.frames();
    await panel.send(...[0, 1, 2].map((index) => event({ type: 'token', turnId: id(index), text: ' Still.', chunks: 1 })));
    await panel.frames();
    expect(await atBottom()).toBe(true);
    await card(panel, 1).hover();
    await page.mouse.wheel(0, -500);
    const jump = page.getByRole('button', { name: 'Jump to latest', exact: true });
    await expect.poll(() => jump.isVisible()).toBe(true);
    await panel.send(...[0, 1, 2].map((index) => event({ type: 'token', turnId: id(index), text: '\n\nMore.', chunks: 1 })));
    await panel.frames();
    expect(await atBottom()).toBe(false);
  }, 900));

  it('draws a round still streaming from the init snapshot side by side, and only then takes new tokens', () => withPanel(async (panel) => {
    const { page } = panel;
    const liveTurns: LiveTurn[] = [0, 1].map((index) => ({ ...heading(index), text: `So far ${index}` }));
    await panel.send(init({ status: 'speaking', transcript: round(), liveTurns }), event({ type: 'token', turnId: id(1), text: ' and on', chunks: 1 }));
    await panel.frames();
    expect(await page.locator('.live-round article.turn.live').count()).toBe(2);
    expect((await card(panel, 1).locator('.turn-body').textContent())?.trim()).toBe('So far 1 and on');
    expect(Math.abs((await box(panel, 0)).y - (await box(panel, 1)).y)).toBeLessThan(2);
  }));

  it('keeps one turn at a time in the other orders: no round group, the live card in the transcript', () => withPanel(async (panel) => {
    const { page } = panel;
    await panel.send(init(), event({ type: 'run-start', transcript: round({ order: { kind: 'round-robin' } }) }), status('speaking'), event({ type: 'turn-start', ...heading(0) }));
    await panel.send(event({ type: 'token', turnId: id(0), text: 'Half', chunks: 1 }), event({ type: 'turn-start', ...heading(1) }));
    await panel.frames();
    expect(await page.locator('.live-round').count()).toBe(0);
    expect(await page.locator('.turns > article.turn.live').count()).toBe(1);
    expect(await card(panel, 1).getAttribute('class')).toContain('live');
    // The turn the next one cut off is kept, marked stopped.
    expect(await card(panel, 0).locator('.turn-mark').textContent()).toBe('Stopped');
  }));
});

describe('the AI moderator at work in the status line', () => {
  it('says what it does, with its model, until a turn starts or ends or the run ends', () => withPanel(async (panel) => {
    const { page } = panel;
    const statusText = () => page.locator('.status-line').textContent();
    const moderating = (activity: 'framing' | 'review' | 'picking', round = 1) => event({ type: 'moderator-start', activity, model: 'gemma3:4b', round });
    const debate = round({ order: { kind: 'moderator' }, moderator: { model: 'gemma3:4b' } });
    await panel.send(init(), event({ type: 'run-start', transcript: debate }), event({ type: 'models-loading', models: ['gemma3:4b'] }), moderating('framing'));
    expect(await statusText()).toBe('Moderator (gemma3:4b) is framing the question…');
    await panel.send(event({ type: 'turn-end', turn: { kind: 'moderator', id: 'frame', exchange: 1, text: 'Which is kinder to readers?', createdAt: '2025-11-25T09:00:10Z', ai: { model: 'gemma3:4b', purpose: 'framing' } } }), moderating('picking'));
    expect(await statusText()).toBe('Moderator (gemma3:4b) is choosing who speaks next…');
    await panel.send(event({ type: 'turn-start', ...heading(2) }));
    expect(await statusText()).toBe('Cy (gemma3:4b) is speaking…');
    await panel.send(event({ type: 'turn-end', turn: finished(2) }), moderating('review', 2));
    expect(await statusText()).toBe('Moderator (gemma3:4b) is summarising round 2…');
    // The person asked for a pause meanwhile: the status says both.
    await panel.send(status('pausing'));
    expect(await statusText()).toBe('Moderator (gemma3:4b) is summarising round 2; the debate pauses after this turn.');
    await panel.send(event({ type: 'run-end', transcript: { ...debate, outcome: 'paused' } }));
    expect(await statusText()).toBe('Debate paused: it waits for the moderator.');
  }));
});
