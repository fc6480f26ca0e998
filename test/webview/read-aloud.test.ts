// "Play the debate" in the real webview bundle, with the page's speech synthesis replaced by
// a recording stub (installed by an init script before the page's own script runs): the test
// sees every utterance handed to the engine and ends them when it likes, as speech would.
import { describe, expect, it } from 'vitest';
import type { HostMessage } from '../../extension/contract/protocol';
import type { Transcript, Turn } from '../../engine/types';
import { init, moderatorTurn, runEnd, status, tokenize, tokenMessages, transcript, turn, turnEnd, turnStart } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

interface StubVoice {
  name: string;
  lang: string;
  default: boolean;
}

/** The stub's platform: its voices (none: an empty list), whether they load late, or no synthesis at all. */
type SpeechSetup = { voices: StubVoice[]; late?: { after: StubVoice[] } } | 'missing';

interface Spoken {
  text: string;
  voice: string | null;
  lang: string;
  pitch: number;
  rate: number;
}

const VOICES: StubVoice[] = [
  { name: 'Alex', lang: 'en-US', default: true },
  { name: 'Daniel', lang: 'en-GB', default: false },
  { name: 'Samantha', lang: 'en-US', default: false },
  { name: 'Thomas', lang: 'fr-FR', default: false },
  { name: 'Amélie', lang: 'fr-CA', default: false },
];

/** speechSynthesis and SpeechSynthesisUtterance as a page sees them, recording what is spoken; `__speechEnd()` ends the piece being spoken. */
function speechStub(setup: SpeechSetup): string {
  return `(() => {
  const setup = ${JSON.stringify(setup)};
  const log = { spoken: [], cancels: Number(localStorage.getItem('speechCancels') ?? 0) };
  window.__speech = log;
  if (setup === 'missing') {
    Object.defineProperty(window, 'speechSynthesis', { value: undefined, configurable: true });
    return;
  }
  const asVoices = (list) => list.map((voice) => ({ ...voice, voiceURI: voice.name, localService: true }));
  let voices = asVoices(setup.voices);
  const queue = [];
  const fire = (utterance, type, error) => {
    const event = new Event(type);
    if (error !== undefined) Object.defineProperty(event, 'error', { value: error });
    utterance.dispatchEvent(event);
  };
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.voice = null; this.lang = ''; this.pitch = 1; this.rate = 1; this.volume = 1; }
  }
  class Synthesis extends EventTarget {
    get speaking() { return queue.length > 0; }
    get pending() { return queue.length > 1; }
    get paused() { return false; }
    getVoices() { return voices; }
    speak(utterance) {
      queue.push(utterance);
      log.spoken.push({ text: utterance.text, voice: utterance.voice ? utterance.voice.name : null, lang: utterance.lang, pitch: utterance.pitch, rate: utterance.rate });
    }
    cancel() {
      log.cancels += 1;
      // Kept where it outlives the page: the panel going away must cancel too.
      localStorage.setItem('speechCancels', String(log.cancels));
      for (const utterance of queue.splice(0)) fire(utterance, 'error', 'interrupted');
    }
    pause() {}
    resume() {}
  }
  const synthesis = new Synthesis();
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
  Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true, writable: true });
  if (setup.late) setTimeout(() => { voices = asVoices(setup.late.after); synthesis.dispatchEvent(new Event('voiceschanged')); }, 150);
  window.__speechEnd = () => {
    const utterance = queue.shift();
    if (utterance) fire(utterance, 'end');
  };
})();`;
}

const openPanel = usePanelBrowser();

/** Runs `test` on a panel whose page has the stubbed synthesis, closed afterwards whatever happens. */
async function withSpeech(setup: SpeechSetup, test: (panel: PanelPage) => Promise<void>): Promise<void> {
  const panel = await openPanel();
  try {
    // The stub goes in before the page's own script: the page is loaded again with it.
    await panel.page.addInitScript({ content: speechStub(setup) });
    await panel.page.reload();
    await panel.waitForPosted((message) => message.type === 'ready');
    await test(panel);
    expect(await panel.cspViolations()).toEqual([]);
  } finally {
    await panel.close();
  }
}

function spoken(panel: PanelPage): Promise<Spoken[]> {
  return panel.page.evaluate('window.__speech.spoken') as Promise<Spoken[]>;
}

function cancels(panel: PanelPage): Promise<number> {
  return panel.page.evaluate('window.__speech.cancels') as Promise<number>;
}

/** The engine finishes the piece it is speaking. */
async function endSpeech(panel: PanelPage): Promise<void> {
  await panel.page.evaluate('window.__speechEnd()');
}

function runStartOf(shown: Transcript): HostMessage {
  return { type: 'debate-event', event: { type: 'run-start', transcript: shown } };
}

function turnEnded(ended: Turn): HostMessage {
  return { type: 'debate-event', event: { type: 'turn-end', turn: ended } };
}

/** A finished debate, shown whole. */
function finishedDebate(turns: Turn[], overrides: Partial<Transcript> = {}): HostMessage[] {
  const ended = transcript({ turns, outcome: 'complete', stopReason: 'exchanges', endedAt: '2025-11-25T09:01:00Z', ...overrides });
  return [init(), runStartOf(transcript({ turns, ...overrides })), { type: 'debate-event', event: { type: 'run-end', transcript: ended } }];
}

function toggle(panel: PanelPage) {
  return panel.page.locator('.read-aloud-toggle');
}

function skipButton(panel: PanelPage) {
  return panel.page.getByRole('button', { name: 'Skip turn' });
}

function readAloudStatus(panel: PanelPage): Promise<string | null> {
  return panel.page.locator('.read-aloud-status').textContent();
}

/** The ids of the cards marked as being read. */
function marked(panel: PanelPage): Promise<string[]> {
  return panel.page.evaluate(`[...document.querySelectorAll('[aria-current="true"].reading-aloud')].map((card) => card.dataset.turnId)`) as Promise<string[]>;
}

describe('reading a debate aloud', () => {
  it('gives each speaker a distinct voice and the AI moderator a neutral one, marking and announcing the turn read', () => withSpeech({ voices: VOICES }, async (panel) => {
    const summary: Turn = { ...moderatorTurn('m-1', 'Round one: **tabs** lead.'), ai: { model: 'gemma3:4b', purpose: 'summary' } };
    const turns = [turn(0, 'Tabs **win**.'), turn(1, 'Spaces, *obviously*.'), summary, turn(2, 'Still tabs.')];
    await panel.send(...finishedDebate(turns, { moderator: { model: 'gemma3:4b' } }));
    await expect.poll(() => toggle(panel).isVisible()).toBe(true);
    expect(await toggle(panel).getAttribute('aria-label')).toBe('Read aloud');
    expect(await toggle(panel).locator('.codicon-play').count()).toBe(1);

    await toggle(panel).click();
    expect(await marked(panel)).toEqual(['turn-0']);
    expect(await readAloudStatus(panel)).toBe('Reading Speaker 1, exchange 1');
    expect(await panel.page.locator('.read-aloud-status').getAttribute('aria-live')).toBe('polite');
    for (let i = 0; i < 3; i += 1) await endSpeech(panel);
    expect(await marked(panel)).toEqual(['turn-2']);

    const said = await spoken(panel);
    expect(said.map((piece) => piece.text)).toEqual(['Tabs win.', 'Spaces, obviously.', 'Round one: tabs lead.', 'Still tabs.']);
    const [first, second, moderator, third] = said as [Spoken, Spoken, Spoken, Spoken];
    // Speaker 1 sounds the same each time; no one sounds like another or like the moderator.
    const sound = (piece: Spoken) => `${piece.voice}@${piece.pitch}/${piece.rate}`;
    expect(sound(third)).toBe(sound(first));
    expect(new Set([sound(first), sound(second), sound(moderator)]).size).toBe(3);
    expect(first.voice).not.toBe(second.voice);
    expect(moderator).toMatchObject({ voice: 'Alex', pitch: 1, rate: 1, lang: 'en-US' });
    expect([first.voice, second.voice].every((name) => ['Samantha', 'Daniel'].includes(name ?? ''))).toBe(true);

    await endSpeech(panel);
    expect(await marked(panel)).toEqual([]);
    expect(await readAloudStatus(panel)).toBe('Read to the end.');
    expect(await toggle(panel).textContent()).toBe('Read again');
  }));

  it('reads a debate in French with French voices, however many English ones there are', () => withSpeech({ voices: VOICES }, async (panel) => {
    const turns = [turn(0, 'Les tabulations.'), turn(1, 'Les espaces.'), { ...turn(2, 'Toujours les tabulations.'), speakerIndex: 2, speaker: 'Speaker 3' }];
    await panel.send(...finishedDebate(turns, { language: 'French', speakers: [...transcript().speakers, { name: 'Speaker 3', model: 'gemma3:4b', tone: 'Cynic' }] }));
    await toggle(panel).click();
    await endSpeech(panel);
    await endSpeech(panel);
    const said = await spoken(panel);
    expect(said.map((piece) => piece.voice)).toEqual(['Thomas', 'Amélie', 'Thomas']);
    // Two French voices, three speakers: the third is Thomas's voice pitched otherwise.
    expect(said[2]!.pitch).not.toBe(1);
  }));

  it('plays, pauses, resumes and skips a turn, from the keyboard too', () => withSpeech({ voices: VOICES }, async (panel) => {
    const turns = [turn(0, 'First turn.'), turn(1, 'Second turn.'), turn(2, 'Third turn.')];
    await panel.send(...finishedDebate(turns));
    await toggle(panel).focus();
    await panel.page.keyboard.press('Enter');
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['First turn.']);
    expect(await skipButton(panel).isEnabled()).toBe(true);

    expect(await cancels(panel)).toBe(0);
    await panel.page.keyboard.press('Space');
    expect(await cancels(panel)).toBe(1);
    expect(await toggle(panel).getAttribute('aria-label')).toBe('Resume reading');
    expect(await readAloudStatus(panel)).toBe('Paused: Speaker 1, exchange 1');
    expect(await marked(panel)).toEqual(['turn-0']);
    // Ending the cancelled piece (a late event) changes nothing.
    await endSpeech(panel);
    expect((await spoken(panel)).length).toBe(1);

    await toggle(panel).click();
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['First turn.', 'First turn.']);
    expect(await toggle(panel).getAttribute('aria-label')).toBe('Pause reading');

    await skipButton(panel).focus();
    await panel.page.keyboard.press('Enter');
    expect(await cancels(panel)).toBe(2);
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['First turn.', 'First turn.', 'Second turn.']);
    expect(await marked(panel)).toEqual(['turn-1']);
    await endSpeech(panel);
    await endSpeech(panel);
    expect((await spoken(panel)).map((piece) => piece.text).slice(3)).toEqual(['Third turn.']);
    expect(await skipButton(panel).isDisabled()).toBe(true);
  }));

  it('follows the debate as it streams: a turn ending while one is read is queued, a live turn waits for its end, none is read twice, reasoning never', () => withSpeech({ voices: VOICES }, async (panel) => {
    const reasoned: Turn = { ...turn(1, 'Spaces.'), thinking: 'SECRET reasoning', thinkingMs: 900 };
    await panel.send(init(), runStartOf(transcript({ exchanges: 2 })), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('Tabs.')), turnEnd(0, 'Tabs.'));
    await panel.send(turnStart(1), { type: 'debate-event', event: { type: 'thinking', turnId: 'turn-1', text: 'SECRET reasoning' } }, ...tokenMessages(0, []));
    await toggle(panel).click();
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['Tabs.']);

    // Turn 1 ends while turn 0 is still being read: it waits its turn.
    await panel.send(...tokenMessages(1, tokenize('Spaces.')), turnEnded(reasoned));
    await panel.frames();
    expect((await spoken(panel)).length).toBe(1);
    await endSpeech(panel);
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['Tabs.', 'Spaces.']);

    // Everything so far read: the next turn streams, unread, and is read once it ends.
    await endSpeech(panel);
    await panel.send(turnStart(2), ...tokenMessages(2, tokenize('Tabs again, for accessibility.')));
    await panel.frames();
    expect(await readAloudStatus(panel)).toBe('Reading the next turn when it ends…');
    expect((await spoken(panel)).length).toBe(2);
    await panel.send(turnEnd(2, 'Tabs again, for accessibility.'));
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['Tabs.', 'Spaces.', 'Tabs again, for accessibility.']);

    // The run's end carries every turn again: none is read a second time.
    await panel.send(runEnd([turn(0, 'Tabs.'), reasoned, turn(2, 'Tabs again, for accessibility.')]));
    await endSpeech(panel);
    expect((await spoken(panel)).length).toBe(3);
    expect(await readAloudStatus(panel)).toBe('Read to the end.');
    expect((await spoken(panel)).some((piece) => piece.text.includes('SECRET'))).toBe(false);
  }));

  it('speaks a hostile reply as plain text: no markup, no SSML, no reasoning, nothing run', () => withSpeech({ voices: VOICES }, async (panel) => {
    const hostile = [
      '<speak><prosody rate="x-fast">Obey</prosody></speak>',
      '',
      '&lt;speak&gt;entity&lt;/speak&gt; <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2">',
      '',
      '<think>SECRET plan</think>**Tabs** [win](javascript:window.__pwned=3).',
    ].join('\n');
    await panel.send(...finishedDebate([turn(0, hostile)]));
    await toggle(panel).click();
    const [said] = await spoken(panel);
    expect(said?.text).toBe('Obey. entity window.__pwned = 1. Tabs [win](javascript:window.__pwned=3).');
    expect(said?.text).not.toMatch(/[<>]|SECRET|speak/);
    await panel.page.waitForTimeout(100);
    expect(await panel.page.evaluate('window.__pwned')).toBeUndefined();
  }));

  it('stops speaking when another debate starts, when the debate is stopped, and when the panel goes away', () => withSpeech({ voices: VOICES }, async (panel) => {
    await panel.send(...finishedDebate([turn(0, 'Old debate.'), turn(1, 'Still old.')]));
    await toggle(panel).click();
    expect(await marked(panel)).toEqual(['turn-0']);
    const before = await cancels(panel);
    expect(before).toBe(0);

    // A new debate starts in this panel: the old one goes quiet, nothing of it is read on.
    await panel.send(runStartOf(transcript({ id: 'debate-2', topic: 'Vim or Emacs?' })), status('speaking'));
    expect(await cancels(panel)).toBeGreaterThan(before);
    expect(await toggle(panel).getAttribute('aria-label')).toBe('Read aloud');
    expect(await readAloudStatus(panel)).toBe('');
    await endSpeech(panel);
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['Old debate.']);

    // Reading the new debate as it runs, then Stop: speech stops with the debate.
    await panel.send(turnStart(0), ...tokenMessages(0, tokenize('Vim.')), turnEnd(0, 'Vim.'));
    await toggle(panel).click();
    expect((await spoken(panel)).at(-1)?.text).toBe('Vim.');
    const reading = await cancels(panel);
    await panel.page.getByRole('button', { name: 'Stop', exact: true }).click();
    await panel.waitForPosted((message) => message.type === 'stop');
    expect(await cancels(panel)).toBeGreaterThan(reading);
    expect(await marked(panel)).toEqual([]);
    await panel.send(turnStart(1), turnEnd(1, 'Emacs.'), runEnd([turn(0, 'Vim.'), turn(1, 'Emacs.')], 'stopped'));
    expect((await spoken(panel)).at(-1)?.text).toBe('Vim.');

    // Read again, then the panel goes away: the engine is told to be quiet.
    await toggle(panel).click();
    expect(await panel.page.evaluate("localStorage.getItem('speechCancels')")).toBe(String(await cancels(panel)));
    const cancelledBefore = await cancels(panel);
    await panel.page.reload();
    expect(await panel.page.evaluate("Number(localStorage.getItem('speechCancels'))")).toBe(cancelledBefore + 1);
  }));

  it('stops speaking when the host stops the debate (status stopped)', () => withSpeech({ voices: VOICES }, async (panel) => {
    await panel.send(init(), runStartOf(transcript()), status('speaking'), turnStart(0), turnEnd(0, 'Tabs.'));
    await toggle(panel).click();
    const reading = await cancels(panel);
    await panel.send(status('stopped'));
    expect(await cancels(panel)).toBeGreaterThan(reading);
    expect(await toggle(panel).getAttribute('aria-label')).toBe('Read aloud');
  }));
});

describe('where no voice exists', () => {
  const turns = [turn(0, 'Tabs.')];

  it.each([
    ['no speech synthesis at all', 'missing' as const, 'Read aloud is not available: this system offers no speech synthesis to the panel.'],
    ['voices that load as none', { voices: [], late: { after: [] } }, 'Read aloud is not available: this system has no speech voice installed.'],
    ['no voice, and no word of any after a wait', { voices: [] }, 'Read aloud is not available: this system has no speech voice installed.'],
  ])('hides the control and says why (%s)', (_case, setup: SpeechSetup, reason) => withSpeech(setup, async (panel) => {
    await panel.send(...finishedDebate(turns));
    const note = panel.page.locator('.read-aloud-unavailable');
    await expect.poll(() => note.isVisible(), { timeout: 4000 }).toBe(true);
    expect(await note.getAttribute('title')).toBe(reason);
    expect(await note.textContent()).toBe(`Read aloud unavailable${reason}`);
    expect(await panel.page.locator(`#${await note.getAttribute('aria-describedby')}`).textContent()).toBe(reason);
    expect(await toggle(panel).isVisible()).toBe(false);
    expect(await skipButton(panel).isVisible()).toBe(false);
    expect((await spoken(panel).catch(() => []))).toEqual([]);
  }));

  it('shows the control once voices load after the page', () => withSpeech({ voices: [], late: { after: VOICES } }, async (panel) => {
    await panel.send(...finishedDebate(turns));
    await expect.poll(() => toggle(panel).isVisible()).toBe(true);
    expect(await panel.page.locator('.read-aloud-unavailable').isVisible()).toBe(false);
    await toggle(panel).click();
    expect((await spoken(panel)).map((piece) => piece.text)).toEqual(['Tabs.']);
  }));

  it('shows nothing before there is a debate to read', () => withSpeech({ voices: VOICES }, async (panel) => {
    await panel.send(init());
    await panel.frames();
    expect(await panel.page.locator('.read-aloud').isVisible()).toBe(false);
  }));
});
