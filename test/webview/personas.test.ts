// Personas and line-ups in the real panel (Chromium, production CSP): the tone picker offers the
// personas in a group of their own and a persona chosen fills in the speaker's stance and role;
// For / Against sets up a for/against debate in one click; "Suggest speakers" asks (on once a
// topic is written), shows its progress with Cancel, then the line-up to use (the form takes it,
// to edit) or why there is none (the form untouched); "Recent line-ups" refills the speakers,
// flagging a model no longer installed. Each ends in the start request the host accepts.
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage, type DebateRequest, type LineUpSpeakerChoice } from '../../extension/contract/protocol';
import { init, TONES } from './fixtures';
import type { PanelPage } from './harness';
import { useCheckedPanels } from './more-panels';

const onPanel = useCheckedPanels();

const PERSONA_TONES = [...TONES, { name: 'Economist', prompt: 'You reason with numbers.' }, { name: 'Skeptic', prompt: 'You doubt everything.' }];
const PERSONAS = [{ name: 'Economist', stance: 'for' as const, role: 'an economist' }, { name: 'Skeptic' }];

async function startRequest(panel: PanelPage): Promise<DebateRequest> {
  await panel.clearPosted();
  await panel.page.getByRole('button', { name: 'Start debate' }).click();
  const parsed = parseWebviewMessage(await panel.waitForPosted((message) => message.type === 'start'));
  if (!parsed.ok || parsed.message.type !== 'start') throw new Error(`The host would refuse the start: ${JSON.stringify(parsed)}`);
  return parsed.message.request;
}

function row({ page }: PanelPage, index: number) {
  return {
    model: page.locator(`#speaker-${index}-model`),
    tone: page.locator(`#speaker-${index}-tone`),
    name: page.locator(`#speaker-${index}-name`),
    stance: page.locator(`#speaker-${index}-stance`),
    role: page.locator(`#speaker-${index}-role`),
    more: page.locator(`#speaker-${index}-more`),
  };
}

describe('personas in the tone picker', () => {
  it('offers the personas under their own group; one chosen fills in its stance and role, shown in More', () => onPanel({ width: 420, height: 1400 }, async (panel) => {
    await panel.send(init({ tones: PERSONA_TONES, personas: PERSONAS }));
    const second = row(panel, 1);
    await expect.poll(() => second.tone.locator('optgroup').evaluateAll((groups) => groups.map((group) => group.getAttribute('label')))).toEqual(['Tones', 'Personas']);
    expect(await second.tone.locator('optgroup[label="Personas"] option').allTextContents()).toEqual(['Economist', 'Skeptic']);
    expect(await second.tone.locator('optgroup[label="Tones"] option').allTextContents()).toEqual(TONES.map((tone) => tone.name));
    // The tooltip says what the persona fills in.
    expect(await second.tone.locator('option[value="Economist"]').getAttribute('title')).toBe('For · an economist · You reason with numbers.');
    expect(await second.more.isVisible()).toBe(false);

    await second.tone.selectOption('Economist');
    await expect.poll(() => second.stance.inputValue()).toBe('for');
    expect(await second.role.inputValue()).toBe('an economist');
    expect(await second.more.isVisible()).toBe(true);
    // A persona without stance or role keeps what the speaker has, and opens nothing.
    const first = row(panel, 0);
    await first.tone.selectOption('Skeptic');
    expect(await first.more.isVisible()).toBe(false);

    const request = await startRequest(panel);
    expect(request.speakers).toEqual([
      { model: 'llama3.2:1b', tone: 'Skeptic' },
      { model: 'qwen2.5:7b', tone: 'Economist', stance: 'for', role: 'an economist' },
    ]);
  }));

  it('offers the tones as before, in one list, when no persona is defined', () => onPanel({}, async (panel) => {
    await panel.send(init());
    const first = row(panel, 0);
    await expect.poll(() => first.tone.locator('option').allTextContents()).toEqual(TONES.map((tone) => tone.name));
    expect(await first.tone.locator('optgroup').count()).toBe(0);
  }));
});

describe('For / Against', () => {
  it('sets speaker 1 For and speaker 2 Against in one click (by keyboard), models and tones kept', () => onPanel({ theme: 'light' }, async (panel) => {
    await panel.send(init());
    const button = panel.page.getByRole('button', { name: 'For / Against' });
    await button.focus();
    await panel.page.keyboard.press('Enter');
    await expect.poll(() => row(panel, 0).stance.inputValue()).toBe('for');
    expect(await row(panel, 1).stance.inputValue()).toBe('against');
    expect(await row(panel, 0).model.inputValue()).toBe('llama3.2:1b');
    expect(await row(panel, 1).tone.inputValue()).toBe('Cynic');
    // Closed, each More says what is set.
    expect(await panel.page.locator('#speaker-1-more-summary').textContent()).toBe('Against');
    expect((await startRequest(panel)).speakers).toEqual([
      { model: 'llama3.2:1b', tone: 'Rational', stance: 'for' },
      { model: 'qwen2.5:7b', tone: 'Cynic', stance: 'against' },
    ]);
  }));
});

const SUGGESTED: LineUpSpeakerChoice[] = [
  { name: 'Ada', model: 'gemma3:4b', tone: 'Philosopher', stance: 'for', role: 'an urban planner' },
  { name: 'Bob', model: 'llama3.2:1b', tone: 'Adversary', stance: 'against', role: 'a taxi driver' },
  { name: 'Cy', model: 'qwen2.5:7b', tone: 'Rational', stance: 'neutral', role: 'a historian' },
];

describe('Suggest speakers', () => {
  it('is on once a topic is written, asks Speaker 1\'s model, shows progress with Cancel, then a line-up the form takes to edit', () => onPanel({ width: 400, height: 1600 }, async (panel) => {
    const { page } = panel;
    await panel.send(init({ form: { topic: '', speakers: [{ model: 'gemma3:4b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }], exchanges: 2 } }));
    const suggest = page.getByRole('button', { name: 'Suggest speakers' });
    await expect.poll(() => suggest.isDisabled()).toBe(true);
    expect(await page.locator('#suggest-speakers-hint').textContent()).toBe('Write a topic first: the line-up is chosen to fit it.');
    expect(await suggest.locator('.codicon-sparkle').count()).toBe(1);

    await page.locator('#topic').fill('Should cities ban cars?');
    await expect.poll(() => suggest.isDisabled()).toBe(false);
    expect(await page.locator('#suggest-speakers-hint').textContent()).toContain('gemma3:4b');
    await suggest.click();
    expect(await panel.waitForPosted((message) => message.type === 'suggest-speakers')).toEqual({ type: 'suggest-speakers', topic: 'Should cities ban cars?', model: 'gemma3:4b' });

    await panel.send({ type: 'suggestion', suggestion: { kind: 'suggesting', model: 'gemma3:4b' } });
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Asking gemma3:4b for a line-up…' }).count()).toBe(1);
    expect(await suggest.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await panel.waitForPosted((message) => message.type === 'cancel-suggest');
    // The progress goes at once, and the focus returns to the button, on again.
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('suggest-speakers');
    expect(await suggest.isDisabled()).toBe(false);

    await panel.clearPosted();
    await panel.send({ type: 'suggestion', suggestion: { kind: 'suggested', model: 'gemma3:4b', speakers: SUGGESTED } });
    const card = page.getByRole('group', { name: 'Suggested by gemma3:4b' });
    await expect.poll(() => card.locator('li').allTextContents()).toEqual([
      'Ada (For, an urban planner; gemma3:4b) · Philosopher',
      'Bob (Against, a taxi driver; llama3.2:1b) · Adversary',
      'Cy (Neutral, a historian; qwen2.5:7b) · Rational',
    ]);
    // Nothing in the form changed yet.
    expect(await page.locator('.speaker-row').count()).toBe(2);
    expect(await page.getByRole('status').filter({ hasText: 'Suggested by gemma3:4b: 3 speakers.' }).count()).toBe(1);
    await card.getByRole('button', { name: 'Use this line-up' }).click();
    await panel.waitForPosted((message) => message.type === 'cancel-suggest');
    await expect.poll(() => page.locator('.speaker-row').count()).toBe(3);
    expect(await card.count()).toBe(0);
    expect(await page.evaluate('document.activeElement.id')).toBe('suggest-speakers');
    expect(await row(panel, 2).model.inputValue()).toBe('qwen2.5:7b');
    expect(await row(panel, 1).tone.inputValue()).toBe('Adversary');

    // The person edits the line-up before starting (its More section says what the line-up set).
    expect(await page.locator('#speaker-2-more-summary').textContent()).toBe('Cy · Neutral · a historian');
    await page.getByRole('button', { name: 'More settings for Speaker 3', exact: true }).click();
    await row(panel, 2).role.fill('a bus driver');
    const request = await startRequest(panel);
    expect(request).toMatchObject({ topic: 'Should cities ban cars?', exchanges: 2 });
    expect(request.speakers).toEqual([
      { model: 'gemma3:4b', tone: 'Philosopher', name: 'Ada', stance: 'for', role: 'an urban planner' },
      { model: 'llama3.2:1b', tone: 'Adversary', name: 'Bob', stance: 'against', role: 'a taxi driver' },
      { model: 'qwen2.5:7b', tone: 'Rational', name: 'Cy', stance: 'neutral', role: 'a bus driver' },
    ]);
  }));

  it('says why no line-up came, leaving the form untouched; Dismiss clears it', () => onPanel({}, async (panel) => {
    const { page } = panel;
    await panel.send(init());
    await panel.send({ type: 'suggestion', suggestion: { kind: 'failed', model: 'llama3.2:1b', reason: 'Ollama is not answering at http://127.0.0.1:11434.' } });
    const alert = page.getByRole('alert').filter({ hasText: 'No line-up suggested by llama3.2:1b: Ollama is not answering at http://127.0.0.1:11434.' });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await row(panel, 0).model.inputValue()).toBe('llama3.2:1b');
    expect(await row(panel, 1).tone.inputValue()).toBe('Cynic');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    await panel.waitForPosted((message) => message.type === 'cancel-suggest');
    // Hostile text in a reason stays text.
    await panel.send({ type: 'suggestion', suggestion: { kind: 'failed', model: 'm', reason: '<img src=x onerror="window.__pwned=1">' } });
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '<img src=x' }).count()).toBe(1);
  }));
});

describe('Recent line-ups', () => {
  const RECENT: LineUpSpeakerChoice[][] = [
    [{ name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational', stance: 'for' }, { name: 'Bob', model: 'mistral:7b', tone: 'Cynic', stance: 'against', role: 'a nurse' }],
    [{ name: 'Ada', model: 'gemma3:4b', tone: 'Philosopher' }, { name: 'Speaker 2', model: 'qwen2.5:7b', tone: 'Adversary' }, { name: 'Cy', model: 'llama3.2:1b', tone: 'Cynic' }],
  ];

  it('lists the line-ups, newest first, flags a model no longer installed, and refills the speakers from one', () => onPanel({ width: 420, height: 1400 }, async (panel) => {
    const { page } = panel;
    await panel.send(init({ recentLineUps: RECENT }));
    const select = page.getByRole('combobox', { name: 'Recent line-ups' });
    await expect.poll(() => select.locator('option').allTextContents()).toEqual([
      'Choose a line-up…',
      'Speaker 1 (For; llama3.2:1b) vs Bob (Against, a nurse; mistral:7b) — not installed: mistral:7b',
      'Ada (Philosopher; gemma3:4b) vs Speaker 2 (Adversary; qwen2.5:7b) vs Cy (Cynic; llama3.2:1b)',
    ]);
    await select.selectOption({ index: 2 });
    await expect.poll(() => page.locator('.speaker-row').count()).toBe(3);
    expect(await select.inputValue()).toBe('');
    expect(await row(panel, 0).model.inputValue()).toBe('gemma3:4b');
    expect((await startRequest(panel)).speakers).toEqual([
      { model: 'gemma3:4b', tone: 'Philosopher', name: 'Ada' },
      { model: 'qwen2.5:7b', tone: 'Adversary' },
      { model: 'llama3.2:1b', tone: 'Cynic', name: 'Cy' },
    ]);

    // The flagged one is still offered: its speaker's row says the model is not installed, with Pull.
    await select.selectOption({ index: 1 });
    await expect.poll(() => row(panel, 1).model.inputValue()).toBe('mistral:7b');
    expect(await page.locator('#speaker-1-model-status').textContent()).toContain('Not installed.');
    expect(await row(panel, 1).stance.inputValue()).toBe('against');

    // A debate started elsewhere: the list follows.
    await panel.send({ type: 'recent-lineups', lineUps: RECENT.slice(1) });
    await expect.poll(() => select.locator('option').count()).toBe(2);
  }));

  it('is off, saying why, before any debate was started', () => onPanel({}, async (panel) => {
    await panel.send(init());
    const select = panel.page.getByRole('combobox', { name: 'Recent line-ups' });
    await expect.poll(() => select.isDisabled()).toBe(true);
    expect(await select.locator('option').allTextContents()).toEqual(['None yet']);
    expect(await panel.page.locator('#recent-lineups-hint').textContent()).toBe('The speakers of each debate you start are kept here.');
  }));
});
