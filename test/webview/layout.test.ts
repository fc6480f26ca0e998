// The panel's layout in real Chromium, narrow and short: the set-up folded to a line
// while a debate is shown, the page as the one scroll area, the header's buttons in
// reach at any height, the live turn in view as it streams, the progress line with its
// estimate, the Continue limit, and speaker names legible in every theme (measured).
import type { Locator } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SpeakerConfig } from '../../engine/types';
import {
  init, MODELS, runEnd, runStart, SPEAKERS, status, tokenize, tokenMessages, transcript, turn, turnEnd, turnStart,
} from './fixtures';
import type { PanelPage, Theme } from './harness';
import { usePanelBrowser } from './panel-suite';

const openPanel = usePanelBrowser();
let panel: PanelPage | undefined;

afterEach(async () => {
  if (panel === undefined) return;
  expect(await panel.cspViolations()).toEqual([]);
  await panel.close();
  panel = undefined;
});

async function open(width: number, height: number, theme: Theme = 'dark'): Promise<PanelPage> {
  panel = await openPanel({ width, height, theme });
  return panel;
}

const THREE_SPEAKERS: SpeakerConfig[] = [...SPEAKERS, { name: 'Speaker 3', model: 'gemma3:4b', tone: 'Philosopher' }];
const FORM = { topic: 'Tabs or spaces?', speakers: THREE_SPEAKERS.map(({ model, tone }) => ({ model, tone })), exchanges: 3 };
const LONG_REPLY = Array.from({ length: 14 }, (_, i) => `Point ${i + 1}: spaces keep every diff aligned, whatever the editor.`).join('\n\n');

/** A turn of the three-speaker debate at 0-based `position`: its exchange and speaker follow from it. */
function turnOfThree(position: number, text: string) {
  const speaker = THREE_SPEAKERS[position % 3]!;
  return { ...turn(0, text), id: `turn-${position}`, exchange: Math.floor(position / 3) + 1, speakerIndex: position % 3, speaker: speaker.name, model: speaker.model, tone: speaker.tone };
}

function turnStartOfThree(position: number) {
  const { id, speakerIndex, speaker, model, tone, exchange } = turnOfThree(position, '');
  return { type: 'debate-event' as const, event: { type: 'turn-start' as const, turnId: id, speakerIndex, speaker, model, tone, exchange } };
}

function turnEndOfThree(position: number, text: string, durationMs: number) {
  const finished = turnOfThree(position, text);
  return { type: 'debate-event' as const, event: { type: 'turn-end' as const, turn: { ...finished, metrics: { ...finished.metrics, durationMs } } } };
}

/** The host's token batches for the turn at `position` (the fixtures' turn ids are `turn-<position>`). */
function liveTokens(position: number, text: string) {
  return tokenMessages(position, tokenize(text), 6);
}

/** Where an element stands against the viewport (the page's visible area: its width without a scrollbar). */
interface Placement {
  top: number;
  bottom: number;
  left: number;
  right: number;
  viewportWidth: number;
  viewportHeight: number;
}

async function viewport(current: PanelPage): Promise<{ width: number; height: number }> {
  const [width, height] = await current.page.evaluate('[document.documentElement.clientWidth, innerHeight]') as [number, number];
  return { width, height };
}

async function placementOf(current: PanelPage, element: Locator): Promise<Placement> {
  const box = await element.boundingBox();
  if (box === null) throw new Error('not rendered');
  const { width, height } = await viewport(current);
  return { top: box.y, bottom: box.y + box.height, left: box.x, right: box.x + box.width, viewportWidth: width, viewportHeight: height };
}

function placement(current: PanelPage, selector: string): Promise<Placement> {
  return placementOf(current, current.page.locator(selector).first());
}

async function expectInViewport(current: PanelPage, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const button = current.page.getByRole('button', { name, exact: true });
    expect(await button.isVisible(), `${name} is shown`).toBe(true);
    const box = await placementOf(current, button);
    expect(box.top, `${name} top`).toBeGreaterThanOrEqual(0);
    expect(box.bottom, `${name} bottom`).toBeLessThanOrEqual(box.viewportHeight);
    expect(box.left, `${name} left`).toBeGreaterThanOrEqual(0);
    expect(box.right, `${name} right`).toBeLessThanOrEqual(box.viewportWidth);
  }
}

/** Every element that scrolls its own overflow (the page itself excepted), and whether the page overflows sideways. */
const SCROLLERS_SCRIPT = `(() => {
  const nested = [];
  for (const element of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(element);
    const scrollsY = ['auto', 'scroll'].includes(style.overflowY) && element.scrollHeight > element.clientHeight + 1;
    const scrollsX = ['auto', 'scroll'].includes(style.overflowX) && element.scrollWidth > element.clientWidth + 1;
    if (scrollsY || scrollsX) nested.push(element.tagName.toLowerCase() + '.' + element.className);
  }
  const page = document.scrollingElement;
  return { nested, pageOverflowsX: page.scrollWidth > page.clientWidth };
})()`;

function scrollers(current: PanelPage): Promise<{ nested: string[]; pageOverflowsX: boolean }> {
  return current.page.evaluate(SCROLLERS_SCRIPT) as Promise<{ nested: string[]; pageOverflowsX: boolean }>;
}

async function scrollPage(current: PanelPage, to: 'top' | 'bottom'): Promise<void> {
  await current.page.evaluate(`document.scrollingElement.scrollTop = ${to === 'top' ? '0' : 'document.scrollingElement.scrollHeight'}`);
  await current.frames();
}

function pageScrollTop(current: PanelPage): Promise<number> {
  return current.page.evaluate('document.scrollingElement.scrollTop') as Promise<number>;
}

/** A three-speaker debate of three exchanges, five turns spoken, the sixth streaming. */
async function runningDebate(current: PanelPage): Promise<void> {
  await current.send(init({ form: FORM }), { type: 'debate-event', event: { type: 'run-start', transcript: transcript({ speakers: THREE_SPEAKERS, exchanges: 3 }) } }, status('speaking'));
  for (let position = 0; position < 5; position += 1) {
    await current.send(turnStartOfThree(position), ...liveTokens(position, LONG_REPLY), turnEndOfThree(position, LONG_REPLY, 30_000));
  }
  await current.send(turnStartOfThree(5), ...liveTokens(5, LONG_REPLY));
  await current.frames();
}

describe('narrow and short panels', () => {
  for (const width of [320, 700]) {
    it(`at ${width} px wide and 500 px high: one scroll area, the buttons and the live turn in view, the set-up folded to a line`, async () => {
      const current = await open(width, 500);
      await runningDebate(current);

      // Following the stream: the live turn's newest text is on screen, below the header.
      const header = await placement(current, '.panel-header');
      const live = await placement(current, 'article.turn.live');
      expect(live.bottom).toBeLessThanOrEqual(live.viewportHeight + 1);
      expect(live.bottom).toBeGreaterThan(header.bottom + 40);
      await expectInViewport(current, ['Stop', 'Pause', 'Export to Markdown', 'Start debate']);
      expect(await current.page.locator('.progress-line').isVisible()).toBe(true);

      // One scroll area, nothing sideways.
      expect(await scrollers(current)).toEqual({ nested: [], pageOverflowsX: false });

      // More text streams in: still followed.
      await current.send(...liveTokens(5, '\n\nAnd one more paragraph, to be sure the page follows it.'));
      await current.frames();
      const after = await placement(current, 'article.turn.live');
      expect(after.bottom).toBeLessThanOrEqual(after.viewportHeight + 1);
      expect(await current.page.locator('article.turn.live').textContent()).toContain('to be sure the page follows it');

      // Scrolled to the top, the header (buttons, progress) is where it was.
      await scrollPage(current, 'top');
      await expectInViewport(current, ['Stop', 'Export to Markdown', 'Edit']);

      // The set-up: one line with Edit, which opens it and folds it again.
      const edit = current.page.getByRole('button', { name: 'Edit', exact: true });
      expect(await current.page.locator('.setup-summary-text').textContent())
        .toBe('Tabs or spaces? · llama3.2:1b (Rational), qwen2.5:7b (Cynic), gemma3:4b (Philosopher) · 3 exchanges');
      expect(await edit.getAttribute('aria-expanded')).toBe('false');
      expect(await edit.getAttribute('aria-controls')).toBe('setup');
      expect(await current.page.getByRole('textbox', { name: 'Topic', exact: true }).isVisible()).toBe(false);
      await edit.focus();
      await current.page.keyboard.press('Enter');
      expect(await edit.getAttribute('aria-expanded')).toBe('true');
      expect(await current.page.getByRole('textbox', { name: 'Topic', exact: true }).isVisible()).toBe(true);
      // Opened during the run, it says it sets up the next debate, and the stream leaves the page where it is.
      expect(await current.page.locator('.setup-for-next').isVisible()).toBe(true);
      const scrolledTo = await pageScrollTop(current);
      await current.send(...liveTokens(5, '\n\nStill streaming while the set-up is open.'));
      await current.frames();
      expect(await pageScrollTop(current)).toBe(scrolledTo);
      expect(await current.page.getByRole('button', { name: 'Jump to latest', exact: true }).isVisible()).toBe(true);
      expect(await scrollers(current)).toEqual({ nested: [], pageOverflowsX: false });
      await expectInViewport(current, ['Stop', 'Export to Markdown']);
      await current.page.keyboard.press('Space');
      expect(await edit.getAttribute('aria-expanded')).toBe('false');
      expect(await current.page.getByRole('textbox', { name: 'Topic', exact: true }).isVisible()).toBe(false);
    });
  }

  it('keeps Start, Export and Continue in view with six speakers\' set-up open at 700 x 900 (3+ speakers hid them)', async () => {
    const current = await open(700, 900);
    const six = Array.from({ length: 6 }, (_, i) => ({ model: MODELS[i % 3]!.name, tone: 'Rational' }));
    const turns = [turn(0, LONG_REPLY), turn(1, LONG_REPLY)];
    await current.send(init({ form: { ...FORM, speakers: six }, status: 'done', transcript: transcript({ turns, outcome: 'complete', stopReason: 'exchanges' }) }));
    await current.openSetup();
    await scrollPage(current, 'top');
    await expectInViewport(current, ['Start debate', 'Export to Markdown', 'Continue']);
    await scrollPage(current, 'bottom');
    await expectInViewport(current, ['Start debate', 'Export to Markdown', 'Continue']);
    expect(await scrollers(current)).toEqual({ nested: [], pageOverflowsX: false });
  });

  it('before any debate the set-up is the page: no summary line, Start in the header', async () => {
    const current = await open(320, 500);
    await current.send(init({ form: FORM }));
    expect(await current.page.locator('.setup-summary').isVisible()).toBe(false);
    expect(await current.page.getByRole('textbox', { name: 'Topic', exact: true }).isVisible()).toBe(true);
    await scrollPage(current, 'bottom');
    await expectInViewport(current, ['Start debate', 'Export to Markdown']);
    expect(await scrollers(current)).toEqual({ nested: [], pageOverflowsX: false });
  });

  it('a header taller than a very short panel still shows its buttons, scrolled to them', async () => {
    const current = await open(320, 260);
    await runningDebate(current);
    await current.send(
      { type: 'debate-event', event: { type: 'warning', message: 'This debate could not be saved: the disk is full. It goes on; export it to keep it.' } },
      { type: 'debate-event', event: { type: 'error', error: { kind: 'http', message: 'Ollama answered 500 for Speaker 2: an internal error while loading the model, twice in a row.' } } },
    );
    await scrollPage(current, 'bottom');
    const header = await placement(current, '.panel-header');
    expect(header.bottom - header.top).toBeGreaterThan(header.viewportHeight);
    await expectInViewport(current, ['Stop', 'Pause']);
  });

  it('opens the folded set-up when Start finds a field to fix, and focuses it', async () => {
    const current = await open(700, 500);
    const noModel = { ...FORM, speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: '', tone: 'Cynic' }] };
    await current.send(init({ form: noModel, models: [], status: 'done', transcript: transcript({ turns: [turn(0, 'Spaces.')], outcome: 'complete', stopReason: 'exchanges' }) }));
    expect(await current.page.getByRole('button', { name: 'Edit', exact: true }).getAttribute('aria-expanded')).toBe('false');
    await current.page.getByRole('button', { name: 'Start debate', exact: true }).click();
    expect(await current.page.getByRole('button', { name: 'Edit', exact: true }).getAttribute('aria-expanded')).toBe('true');
    expect(await current.page.evaluate('document.activeElement.id')).toBe('speaker-1-model');
    expect(await current.page.locator('#form-error').textContent()).toBe('Choose a model for Speaker 2.');
    expect((await current.posted()).some((message) => message.type === 'start')).toBe(false);
  });
});

describe('progress', () => {
  it('says the round and turn, and the time left once a turn of this run finished', async () => {
    const current = await open(700, 600);
    await current.send(init({ form: FORM }), { type: 'debate-event', event: { type: 'run-start', transcript: transcript({ speakers: THREE_SPEAKERS, exchanges: 3 }) } }, status('connecting'));
    const counts = current.page.locator('.progress-counts');
    const timeLeft = current.page.locator('.progress-time-left');
    // About to speak: the first turn, no estimate yet.
    expect(await counts.textContent()).toBe('Round 1 of 3 · turn 1 of 9');
    expect(await timeLeft.isVisible()).toBe(false);
    await current.send(status('speaking'), turnStartOfThree(0), ...liveTokens(0, 'Spaces.'));
    expect(await timeLeft.isVisible()).toBe(false);
    // Each turn took 40 s: seven after the second, plus the second itself (just begun): about 5 min.
    await current.send(turnEndOfThree(0, 'Spaces.', 40_000), turnStartOfThree(1));
    expect(await counts.textContent()).toBe('Round 1 of 3 · turn 2 of 9');
    expect(await timeLeft.textContent()).toBe('about 5 min left');
    await current.send(turnEndOfThree(1, 'Tabs.', 40_000), turnStartOfThree(2), turnEndOfThree(2, 'Both.', 40_000), turnStartOfThree(3));
    expect(await counts.textContent()).toBe('Round 2 of 3 · turn 4 of 9');
    expect(await timeLeft.textContent()).toBe('about 4 min left');

    // Scrolled away, it stays in sight in the header.
    await current.send(...liveTokens(3, LONG_REPLY + LONG_REPLY));
    await current.frames();
    await scrollPage(current, 'top');
    expect((await placement(current, '.progress-line')).top).toBeGreaterThanOrEqual(0);
    await scrollPage(current, 'bottom');
    const line = await placement(current, '.progress-line');
    expect(line.top).toBeGreaterThanOrEqual(0);
    expect(line.bottom).toBeLessThanOrEqual(line.viewportHeight);

    // Stopped: where it stands, and no estimate.
    const spoken = [0, 1, 2].map((position) => turnOfThree(position, 'x'));
    await current.send({ type: 'debate-event', event: { type: 'run-end', transcript: transcript({ speakers: THREE_SPEAKERS, exchanges: 3, turns: spoken, outcome: 'stopped', stopReason: 'user' }) } });
    expect(await counts.textContent()).toBe('Round 2 of 3 · turn 4 of 9');
    expect(await timeLeft.isVisible()).toBe(false);
  });

  it('says "of at most" for a debate a stop condition may end sooner', async () => {
    const current = await open(700, 600);
    const stopOn = { repetition: { threshold: 0.6, ngram: 4 } };
    await current.send(init({ form: FORM }), { type: 'debate-event', event: { type: 'run-start', transcript: transcript({ speakers: THREE_SPEAKERS, exchanges: 3, stopOn }) } });
    await current.send(status('speaking'), turnStartOfThree(0));
    expect(await current.page.locator('.progress-counts').textContent()).toBe('Round 1 of 3 · turn 1 of at most 9');
  });

  it('starts the estimate over with each run', async () => {
    const current = await open(700, 600);
    const spoken = [turn(0, 'Spaces.'), turn(1, 'Tabs.')];
    await current.send(init({ status: 'done', transcript: transcript({ exchanges: 1, turns: spoken, outcome: 'complete', stopReason: 'exchanges' }) }));
    expect(await current.page.locator('.progress-counts').textContent()).toBe('Round 1 of 1 · turn 2 of 2');
    await current.send(runStart('Tabs or spaces?', 2, spoken), status('speaking'), turnStart(2));
    expect(await current.page.locator('.progress-counts').textContent()).toBe('Round 2 of 2 · turn 3 of 4');
    expect(await current.page.locator('.progress-time-left').isVisible()).toBe(false);
    await current.send(turnEnd(2, 'Again.'), turnStart(3));
    // The fixture's turn took 420 ms + 25 ms a token: well under a minute.
    expect(await current.page.locator('.progress-time-left').textContent()).toBe('less than a minute left');
    await current.send(runEnd([...spoken, turn(2, 'Again.'), turn(3, 'Done.')]));
    expect(await current.page.locator('.progress-counts').textContent()).toBe('Round 2 of 2 · turn 4 of 4');
  });
});

describe('Continue', () => {
  it('adds up to 20 at a time and never past 100 exchanges in all', async () => {
    const current = await open(700, 600);
    const { page } = current;
    const finished = (exchanges: number) => init({ status: 'done', transcript: transcript({ exchanges, turns: [turn(0, 'x'), turn(1, 'y')], outcome: 'complete', stopReason: 'exchanges' }) });
    const input = page.getByRole('spinbutton', { name: 'more exchanges' });
    const cases = [
      { exchanges: 3, max: '20', hint: '(up to 20 at a time, 100 in all)', typed: '25', posted: 20 },
      { exchanges: 96, max: '4', hint: '(up to 4: a debate has at most 100 exchanges)', typed: '9', posted: 4 },
    ];
    for (const { exchanges, max, hint, typed, posted } of cases) {
      await current.send(finished(exchanges));
      expect(await input.getAttribute('max')).toBe(max);
      expect(Number(await input.inputValue())).toBeLessThanOrEqual(Number(max));
      expect(await input.getAttribute('aria-describedby')).toBe('continue-limit');
      expect(await page.locator('#continue-limit').textContent()).toBe(hint);
      await input.fill(typed);
      await current.clearPosted();
      await page.getByRole('button', { name: 'Continue', exact: true }).click();
      expect(await current.posted()).toEqual([{ type: 'continue', exchanges: posted }]);
    }

    await current.send(finished(100));
    expect(await page.getByRole('button', { name: 'Continue', exact: true }).count()).toBe(0);
    expect(await input.count()).toBe(0);
    expect(await page.locator('#continue-limit').textContent()).toBe('This debate has 100 exchanges, the most a debate may have.');
  });
});

interface MeasuredName {
  name: string;
  colour: string;
  background: string;
  ratio: number;
}

/**
 * WCAG's contrast ratio of each speaker name's colour over what is painted behind it (its
 * ancestors' backgrounds composited over white), measured in the page. A canvas resolves
 * any CSS colour (rgb(), or color(srgb …) from color-mix) to sRGB bytes.
 */
const SPEAKER_NAME_CONTRAST_SCRIPT = `(() => {
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  const rgba = (css) => {
    probe.clearRect(0, 0, 1, 1);
    probe.fillStyle = css;
    probe.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const backgroundOf = (element) => {
    const layers = [];
    for (let at = element; at !== null; at = at.parentElement) layers.push(rgba(getComputedStyle(at).backgroundColor));
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const linear = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = ([r, g, b]) => 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return [...document.querySelectorAll('.speaker-name')].map((element) => {
    const background = backgroundOf(element);
    const colour = over(rgba(getComputedStyle(element).color), background);
    const [light, dark] = [luminance(colour), luminance(background)].sort((a, b) => b - a);
    return {
      name: element.textContent,
      colour: getComputedStyle(element).color,
      background: 'rgb(' + background.slice(0, 3).map(Math.round).join(', ') + ')',
      ratio: (light + 0.05) / (dark + 0.05),
    };
  });
})()`;

function contrastOfSpeakerNames(current: PanelPage): Promise<MeasuredName[]> {
  return current.page.evaluate(SPEAKER_NAME_CONTRAST_SCRIPT) as Promise<MeasuredName[]>;
}

describe('speaker names', () => {
  const SIX: SpeakerConfig[] = ['Ada', 'Ben', 'Cy', 'Di', 'Ed', 'Flo'].map((name, i) => ({ name, model: MODELS[i % 3]!.name, tone: 'Rational' }));
  const sixTurns = SIX.map((speaker, speakerIndex) => ({ ...turn(0, `${speaker.name} speaks.`), id: `turn-${speakerIndex}`, speakerIndex, speaker: speaker.name, model: speaker.model }));

  for (const theme of ['light', 'high-contrast-light', 'dark', 'high-contrast'] as const) {
    it(`reach 4.5:1 against their background in the ${theme} theme, all six accents`, async () => {
      const current = await open(900, 700, theme);
      await current.send(init({ status: 'done', transcript: transcript({ speakers: SIX, turns: sixTurns, outcome: 'complete', stopReason: 'exchanges' }) }));
      const measured = await contrastOfSpeakerNames(current);
      expect(measured.map((entry) => entry.name)).toEqual(['Ada', 'Ben', 'Cy', 'Di', 'Ed', 'Flo']);
      for (const entry of measured) expect(entry.ratio, `${entry.name}: ${entry.colour} on ${entry.background}`).toBeGreaterThanOrEqual(4.5);
      // Still the speaker's own colour, not one grey for all: six names, six colours.
      expect(new Set(measured.map((entry) => entry.colour)).size).toBe(6);
    });
  }
});
