// The pure rules behind reading a debate aloud: which voice reads whom, what text is said
// (plain, inert, never reasoning), in what pieces, which turn comes next, and what the control says.
import { describe, expect, it } from 'vitest';
import type { ModeratorTurn } from '../../engine/types';
import { nextTurnToRead, readAloudStatusText, toggleAction, turnDescription } from '../../media/src/readAloudRules';
import { speechChunks, speechText } from '../../media/src/speechText';
import { castVoices, speaksLanguage, voicePool, type VoiceChoice, type VoiceInfo } from '../../media/src/voiceRules';
import { moderatorTurn, turn } from './fixtures';

function voice(name: string, lang: string, isDefault = false): VoiceInfo {
  return { name, lang, default: isDefault };
}

const VOICES: VoiceInfo[] = [
  voice('Alex', 'en-US', true),
  voice('Amélie', 'fr-CA'),
  voice('Daniel', 'en-GB'),
  voice('Thomas', 'fr-FR'),
  voice('Samantha', 'en-US'),
  voice('Ting-Ting', 'zh-CN'),
  voice('Luciana', 'pt_BR'),
];

/** How a choice sounds: two equal keys sound alike. */
function sound(choice: VoiceChoice): string {
  return `${choice.voice.name}@${choice.pitch}/${choice.rate}`;
}

describe('which voice reads whom', () => {
  it('gives every speaker a voice of its own while voices last, in the preferred language', () => {
    const cast = castVoices(VOICES, { speakers: 3, languages: [undefined, 'en-US'], reserveModerator: false })!;
    expect(cast.speakers.map((choice) => choice.voice.name)).toEqual(['Alex', 'Samantha', 'Daniel']);
    expect(cast.speakers.every((choice) => choice.pitch === 1 && choice.rate === 1)).toBe(true);
    // The moderator: the language's first voice, as the platform speaks it.
    expect(sound(cast.moderator)).toBe('Alex@1/1');
  });

  it('prefers the debate\'s language to the UI\'s, and varies pitch and rate once its voices run out', () => {
    const cast = castVoices(VOICES, { speakers: 5, languages: ['French', 'en-US'], reserveModerator: false })!;
    expect(new Set(cast.speakers.map((choice) => choice.voice.lang.slice(0, 2)))).toEqual(new Set(['fr']));
    expect(new Set(cast.speakers.map(sound)).size).toBe(5);
    expect(cast.speakers.slice(0, 2).map(sound)).toEqual(['Amélie@1/1', 'Thomas@1/1']);
    expect(cast.speakers.slice(2).every((choice) => choice.pitch !== 1 && choice.rate !== 1)).toBe(true);
  });

  it('keeps the neutral voice for an AI moderator alone: no speaker sounds like it', () => {
    for (const voices of [VOICES, [voice('Only', 'en-US', true)], VOICES.slice(0, 2)]) {
      const cast = castVoices(voices, { speakers: 6, languages: ['en'], reserveModerator: true })!;
      const sounds = cast.speakers.map(sound);
      expect(new Set(sounds).size).toBe(6);
      expect(sounds).not.toContain(sound(cast.moderator));
      expect(cast.moderator.pitch).toBe(1);
      expect(cast.moderator.rate).toBe(1);
    }
  });

  it('with one voice, still tells six speakers apart by pitch and rate', () => {
    const cast = castVoices([voice('Only', 'de-DE')], { speakers: 6, languages: ['Japanese', 'ja-JP'], reserveModerator: false })!;
    expect(new Set(cast.speakers.map(sound)).size).toBe(6);
    expect(cast.speakers.every((choice) => choice.voice.name === 'Only')).toBe(true);
  });

  it('has no cast without voices', () => {
    expect(castVoices([], { speakers: 2, languages: ['en'], reserveModerator: false })).toBeNull();
  });

  it('falls back to the default voice\'s language when no preferred language has a voice', () => {
    expect(voicePool(VOICES, ['Swahili', 'sw-KE']).map((choice) => choice.name)).toEqual(['Alex', 'Daniel', 'Samantha']);
    const noDefault = VOICES.map((choice) => ({ ...choice, default: false }));
    expect(voicePool(noDefault, ['Swahili'])[0]!.name).toBe('Alex');
  });

  it('puts voices of the asked region first, then the platform default', () => {
    expect(voicePool(VOICES, ['en-GB']).map((choice) => choice.name)).toEqual(['Daniel', 'Alex', 'Samantha']);
    expect(voicePool(VOICES, ['fr-FR']).map((choice) => choice.name)).toEqual(['Thomas', 'Amélie']);
  });

  it('knows a language by tag, by English name and by its own name', () => {
    expect(speaksLanguage('fr-CA', 'French')).toBe(true);
    expect(speaksLanguage('fr-CA', 'français')).toBe(true);
    expect(speaksLanguage('fr-CA', 'fr')).toBe(true);
    expect(speaksLanguage('zh-CN', 'Simplified Chinese')).toBe(true);
    expect(speaksLanguage('pt_BR', 'Português (Brasil)')).toBe(true);
    expect(speaksLanguage('en_US', 'en-GB')).toBe(true);
    expect(speaksLanguage('de-DE', 'French')).toBe(false);
    expect(speaksLanguage('en-US', 'Frenchish')).toBe(false);
    expect(speaksLanguage('', 'English')).toBe(false);
    expect(speaksLanguage('en-US', '')).toBe(false);
  });
});

describe('what is said', () => {
  it('says markdown as plain text: no marks, links by their words, blocks as sentences', () => {
    expect(speechText('# Verdict\n\nTabs are **clearly** _better_, see [the study](https://example.com).\n\n- one\n- two'))
      .toBe('Verdict. Tabs are clearly better, see the study. one. two.');
    expect(speechText('Use `tabs`:\n\n```js\nindent();\n```')).toBe('Use tabs: indent();');
    expect(speechText('> quoted\nline')).toBe('quoted line.');
  });

  it.each([
    ['an SSML document', '<speak version="1.0"><prosody rate="x-fast">Tabs</prosody></speak>', 'Tabs.'],
    ['an entity-encoded SSML document', '&lt;speak&gt;Tabs&lt;/speak&gt;', 'Tabs.'],
    ['a tag split to rebuild itself', '<<b>speak>Tabs<</b>/speak>', 'speak Tabs /speak.'],
    ['script and markup', 'Hi <script>alert(1)</script><img src=x onerror=alert(2)>', 'Hi alert(1).'],
    ['control characters', 'Tabs\u0000\u0007 win\u001b[31m.', 'Tabs win[31m.'],
    ['bidi overrides', 'Tabs \u202ewin\u202c.', 'Tabs win.'],
  ])('never passes on %s', (_case, hostile, said) => {
    const text = speechText(hostile);
    expect(text).toBe(said);
    expect(text).not.toMatch(/[<>\u0000-\u0008\u202a-\u202e]/);
  });

  it('never says reasoning, closed or cut off, in either tag', () => {
    expect(speechText('<think>secret plan</think>Tabs win.')).toBe('Tabs win.');
    expect(speechText('Tabs win.\n<thinking>still thinking')).toBe('Tabs win.');
    expect(speechText('<think>only thoughts</think>')).toBe('');
  });

  it('cuts text into sentence pieces no longer than the most an utterance takes', () => {
    expect(speechChunks('Tabs win. Spaces lose!')).toEqual(['Tabs win. Spaces lose!']);
    expect(speechChunks('One two. Three four. Five six.', 12)).toEqual(['One two.', 'Three four.', 'Five six.']);
    const long = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const pieces = speechChunks(long, 50);
    expect(pieces.every((piece) => piece.length <= 50)).toBe(true);
    expect(pieces.join(' ')).toBe(long);
    expect(speechChunks('字'.repeat(30), 10)).toEqual(['字'.repeat(10), '字'.repeat(10), '字'.repeat(10)]);
    expect(speechChunks('')).toEqual([]);
  });
});

describe('which turn is read next', () => {
  const summary: ModeratorTurn = { ...moderatorTurn('m-1', 'Round one: **tabs** lead.'), ai: { model: 'gemma3:4b', purpose: 'summary' } };
  const turns = [turn(0, 'Tabs.'), turn(1, '', 'failed'), summary, turn(2, '<think>hm</think>'), turn(3, 'Spaces.')];

  it('reads in transcript order, never a turn read before, never a turn with nothing to say', () => {
    expect(nextTurnToRead(turns, new Set())).toEqual({ turn: turns[0], text: 'Tabs.' });
    expect(nextTurnToRead(turns, new Set(['turn-0']))).toEqual({ turn: summary, text: 'Round one: tabs lead.' });
    expect(nextTurnToRead(turns, new Set(['turn-0', 'm-1']))?.turn.id).toBe('turn-3');
    expect(nextTurnToRead(turns, new Set(['turn-0', 'm-1', 'turn-3']))).toBeNull();
    expect(nextTurnToRead([], new Set())).toBeNull();
  });

  it('names whose turn is read, the moderator\'s by what it does', () => {
    expect(turnDescription(turns[0]!)).toBe('Speaker 1, exchange 1');
    expect(turnDescription({ ...turn(2, 'x'), closing: { position: 'Tabs', answer: 'tabs' } })).toBe('Speaker 1, closing statement');
    expect(turnDescription(summary)).toBe('the moderator: summary of round 1');
    expect(turnDescription({ ...summary, ai: { model: 'm', purpose: 'framing' } })).toBe('the moderator: framing the question');
    expect(turnDescription(moderatorTurn('n', 'Be brief.'))).toBe('the moderator\'s note');
  });

  it('words the control as reading stands', () => {
    expect(readAloudStatusText({ kind: 'reading', turn: turns[0]! })).toBe('Reading Speaker 1, exchange 1');
    expect(readAloudStatusText({ kind: 'paused', turn: turns[0]! })).toBe('Paused: Speaker 1, exchange 1');
    expect(readAloudStatusText({ kind: 'idle' })).toBe('');
    expect(toggleAction({ kind: 'idle' })).toMatchObject({ action: 'play', label: 'Read aloud', icon: 'play' });
    expect(toggleAction({ kind: 'reading', turn: turns[0]! })).toMatchObject({ action: 'pause', label: 'Pause reading', icon: 'debug-pause' });
    expect(toggleAction({ kind: 'waiting' })).toMatchObject({ action: 'pause' });
    expect(toggleAction({ kind: 'paused', turn: turns[0]! })).toMatchObject({ action: 'play', label: 'Resume reading' });
    expect(toggleAction({ kind: 'finished' })).toMatchObject({ action: 'play', label: 'Read again' });
  });
});
