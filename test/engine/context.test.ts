import { describe, expect, it } from 'vitest';
import { answerNote, buildSpeakerContext, continueNote, omittedNote, sharesModel, type ContextRequest } from '../../engine/context';
import { SHORTENED_MARK } from '../../engine/history-trim';
import { replyReserve } from '../../engine/token-budget';
import { findTone } from '../../engine/tones';
import type { Tone, Turn } from '../../engine/types';
import { ADA, BOB, CY, makeNote, makeTurn } from './fixtures';

const CYNIC = findTone('Cynic') as Tone;
const POLITE = findTone('Polite') as Tone;
const speakers = [ADA, BOB];

function request(patch: Partial<ContextRequest>): ContextRequest {
  return { topic: 'Tea or coffee?', speakers, speakerIndex: 0, tone: CYNIC, turns: [], window: 8192, ...patch };
}

describe('buildSpeakerContext', () => {
  it('opens with the tone as system message naming the speaker and the others, then the topic', () => {
    const { messages, droppedTurns } = buildSpeakerContext(request({ speakers: [ADA, BOB, { ...CY, model: 'mistral:7b' }] }));
    expect(droppedTurns).toBe(0);
    expect(messages).toHaveLength(2);
    expect(messages[0].role).toBe('system');
    expect(messages[0].content.startsWith(CYNIC.prompt)).toBe(true);
    expect(messages[0].content).toContain('You are Ada, taking part in a debate with Bob, Cy.');
    expect(messages[1]).toEqual({ role: 'user', content: 'The topic of the debate: Tea or coffee?' });
  });

  it('gives a single speaker the topic itself and no debate framing', () => {
    const { messages } = buildSpeakerContext(request({ speakers: [ADA] }));
    expect(messages[0].content).not.toContain('debate');
    expect(messages[1]).toEqual({ role: 'user', content: 'Tea or coffee?' });
  });

  it('sends its own turns as assistant and the others as labelled user messages, unmerged', () => {
    const turns = [makeTurn(0, speakers, 'Coffee is a scam.'), makeTurn(1, speakers, 'Both have merits.'), makeTurn(2, speakers, 'Tea too.')];
    const forBob = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns })).messages;
    expect(forBob.slice(2)).toEqual([
      { role: 'user', content: 'Ada (Cynic): Coffee is a scam.' },
      { role: 'assistant', content: 'Both have merits.' },
      { role: 'user', content: 'Ada (Cynic): Tea too.' },
    ]);
  });

  it('asks for a new turn when the speaker spoke last, instead of ending on an assistant message', () => {
    const turns = [makeTurn(0, [ADA], 'First thought.')];
    const { messages } = buildSpeakerContext(request({ speakers: [ADA], turns }));
    expect(messages.slice(2)).toEqual([
      { role: 'assistant', content: 'First thought.' },
      { role: 'user', content: continueNote('Ada') },
    ]);
  });

  it('leaves out failed, stopped and empty turns: only complete replies were really said', () => {
    // Before sessions, a stopped turn's partial text was sent on; now the speaker speaks again instead.
    const turns = [
      makeTurn(0, speakers, 'Kept.'),
      makeTurn(1, speakers, 'half', { status: 'failed', note: 'dropped' }),
      makeTurn(2, speakers, '  '),
      makeTurn(3, speakers, 'Interrupted mid', { status: 'stopped', note: 'Stopped by the user.' }),
    ];
    const { messages, droppedTurns } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns }));
    expect(messages.slice(2)).toEqual([{ role: 'user', content: 'Ada (Cynic): Kept.' }]);
    // Left out is not dropped for the budget: no "earlier turns are left out" note.
    expect(droppedTurns).toBe(0);
  });

  it("does not end on the speaker's own stopped reply, so it answers afresh rather than continuing it", () => {
    const turns = [makeTurn(0, speakers, 'Coffee wins.'), makeTurn(1, speakers, 'I would say tha', { status: 'stopped' })];
    const { messages } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns }));
    expect(messages.slice(2)).toEqual([{ role: 'user', content: 'Ada (Cynic): Coffee wins.' }]);
  });

  it("sends the moderator's notes to every speaker as labelled user messages, in their place", () => {
    const turns = [makeTurn(0, speakers, 'Coffee wins.'), makeNote('m1', 1, 'Talk about price.'), makeTurn(1, speakers, 'Tea is cheaper.')];
    for (const [speakerIndex, tone] of [[0, CYNIC], [1, POLITE]] as const) {
      const { messages } = buildSpeakerContext(request({ speakerIndex, tone, turns }));
      expect(messages.map((m) => m.content)).toContain('Moderator: Talk about price.');
      expect(messages[3]).toEqual({ role: 'user', content: 'Moderator: Talk about price.' });
    }
    const forAda = buildSpeakerContext(request({ turns })).messages;
    expect(forAda.slice(2).map((m) => m.role)).toEqual(['assistant', 'user', 'user']);
    expect(forAda[0].content).toContain('a "Moderator:" message comes from the person running the debate');
  });

  it('counts moderator notes against the budget like any turn, leaving out the oldest first', () => {
    const long = 'word '.repeat(120).trim();
    const turns = [makeNote('m1', 1, long), makeTurn(0, speakers, 'Short.'), makeTurn(1, speakers, long), makeTurn(2, speakers, long)];
    const { messages, droppedTurns } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns, window: 768 }));
    expect(droppedTurns).toBeGreaterThanOrEqual(2);
    expect(messages[2].content).toBe(omittedNote(droppedTurns));
    expect(messages.some((m) => m.content.startsWith('Moderator:'))).toBe(false);
    expect(messages[messages.length - 1].content).toBe(`Ada (Cynic): ${long}`);
    // A short note in its place takes less of the same window: nothing is left out.
    const shortNote = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns: [makeNote('m1', 1, 'Be brief.'), ...turns.slice(1, 3)], window: 768 }));
    expect(shortNote.droppedTurns).toBe(0);
  });

  it('leaves out the oldest turns beyond the window in tokens, keeps system and topic, and says so', () => {
    const turns = Array.from({ length: 12 }, (_, i) => makeTurn(i, speakers, `turn-${i} ${'text '.repeat(60)}`.trim()));
    const { messages, droppedTurns, estimatedTokens } = buildSpeakerContext(request({ turns, window: 1024 }));
    expect(droppedTurns).toBeGreaterThan(0);
    expect(messages[2].content).toBe(omittedNote(droppedTurns));
    expect(messages.slice(3).map((m) => m.content.match(/turn-\d+/)?.[0])).toEqual(turns.slice(droppedTurns).map((t) => t.text.split(' ')[0]));
    expect(messages[messages.length - 1].content).toContain('turn-11');
    expect(estimatedTokens).toBeLessThanOrEqual(1024 - replyReserve(1024));
  });

  it('shortens one turn larger than the window, marked, instead of leaving out every turn before it', () => {
    const huge = `Opening. ${'very long argument '.repeat(2000)}Closing line.`;
    const turns = [makeTurn(0, speakers, 'Tea is calm.'), makeTurn(1, speakers, 'Coffee is bold.'), makeTurn(2, speakers, huge)];
    const { messages, droppedTurns, shortenedTurns, estimatedTokens } = buildSpeakerContext(request({ speakerIndex: 1, tone: POLITE, turns, window: 2048 }));
    expect(droppedTurns).toBe(0);
    expect(shortenedTurns).toBe(1);
    expect(messages.slice(2, 4)).toEqual([
      { role: 'user', content: 'Ada (Cynic): Tea is calm.' },
      { role: 'assistant', content: 'Coffee is bold.' },
    ]);
    const shortened = messages[4].content;
    expect(shortened.startsWith('Ada (Cynic): Opening. very long argument')).toBe(true);
    expect(shortened).toContain(SHORTENED_MARK);
    expect(shortened.endsWith('Closing line.')).toBe(true);
    expect(estimatedTokens).toBeLessThanOrEqual(2048 - replyReserve(2048));
  });

  it('counts in calibrated tokens: a model that needs twice the estimate keeps fewer turns', () => {
    const turns = Array.from({ length: 10 }, (_, i) => makeTurn(i, speakers, `turn-${i} ${'text '.repeat(40)}`.trim()));
    const plain = buildSpeakerContext(request({ turns, window: 2048 }));
    const doubled = buildSpeakerContext(request({ turns, window: 2048, tokenRatio: 2 }));
    expect(doubled.droppedTurns).toBeGreaterThan(plain.droppedTurns);
    expect(doubled.estimatedTokens).toBeLessThanOrEqual(2048 - replyReserve(2048));
  });

  it('keeps the start of the prompt the same for several turns once the budget is reached (cache-friendly steps)', () => {
    const all = Array.from({ length: 30 }, (_, i) => makeTurn(i, speakers, `turn-${i} ${'text '.repeat(50)}`.trim()));
    // Ada's requests: every other turn of the debate (her tone, so her budget, stays the same).
    const prompts = all.filter((_, n) => n % 2 === 0).map((_, k) => buildSpeakerContext(request({ turns: all.slice(0, 2 * k), window: 1536 })));
    const drops = prompts.map((prompt) => prompt.droppedTurns);
    expect(drops[drops.length - 1]).toBeGreaterThan(0);
    // Steps, not a slide: the number left out changes on few requests, by several turns at once.
    const steps = drops.flatMap((dropped, k) => (k > 0 && dropped !== drops[k - 1] ? [dropped - (drops[k - 1] ?? 0)] : []));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.length).toBeLessThanOrEqual(drops.filter((dropped) => dropped > 0).length / 3);
    for (const step of steps) expect(step).toBeGreaterThanOrEqual(4);
    // Between steps, each request extends the one before: its messages start with all of the earlier one's.
    for (let k = 1; k < prompts.length; k++) {
      if (drops[k] !== drops[k - 1]) continue;
      const before = prompts[k - 1]?.messages ?? [];
      expect(prompts[k]?.messages.slice(0, before.length)).toEqual(before);
    }
    expect(prompts.some((prompt) => prompt.fits)).toBe(true);
  });

  it('says a request does not fit when the system message and topic leave no room for a reply', () => {
    const { fits, messages } = buildSpeakerContext(request({ topic: 'Why? '.repeat(600), window: 512 }));
    expect(fits).toBe(false);
    expect(messages).toHaveLength(2);
  });
});

describe('speakers sharing a model', () => {
  const onOneModel = [ADA, { ...BOB, model: ADA.model }];
  const shared = (speakerIndex: number, turns: Turn[]) =>
    buildSpeakerContext(request({ speakers: onOneModel.map((s, i) => ({ ...s, tonePrompt: [CYNIC, POLITE][i]?.prompt })), speakerIndex, tone: speakerIndex === 0 ? CYNIC : POLITE, turns }));

  it('get one prompt up to the last message: a shared system message, every turn labelled, whose turn it is last', () => {
    const turns = [makeTurn(0, onOneModel, 'Tea is calm.'), makeTurn(1, onOneModel, 'Coffee is bold.')];
    const forAda = shared(0, turns).messages;
    const forBob = shared(1, turns).messages;
    expect(forAda.slice(0, -1)).toEqual(forBob.slice(0, -1));
    expect(forAda[0].content).toContain(`- Ada (Cynic): ${CYNIC.prompt}`);
    expect(forAda[0].content).toContain(`- Bob (Polite): ${POLITE.prompt}`);
    expect(forAda.slice(2, 4)).toEqual([
      { role: 'user', content: 'Ada (Cynic): Tea is calm.' },
      { role: 'user', content: 'Bob (Polite): Coffee is bold.' },
    ]);
    expect(forAda[forAda.length - 1]).toEqual({ role: 'user', content: 'It is your turn, Ada (Cynic). Reply only with your own words as Ada, without a name prefix.' });
    expect(forBob[forBob.length - 1].content).toContain('It is your turn, Bob (Polite).');
  });

  it("put the next speaker's request after the previous one's history: only the newest turn and the call differ", () => {
    const first = shared(0, [makeTurn(0, onOneModel, 'Opening.')]).messages;
    const next = shared(1, [makeTurn(0, onOneModel, 'Opening.'), makeTurn(1, onOneModel, 'Reply.')]).messages;
    expect(next.slice(0, first.length - 1)).toEqual(first.slice(0, -1));
  });

  it('keep the closing asks in the last message, after whose turn it is', () => {
    const turns = [makeTurn(0, onOneModel, 'Tea is calm.')];
    const last = buildSpeakerContext(request({ speakers: onOneModel, speakerIndex: 1, tone: POLITE, turns, answering: 'Ada' })).messages.at(-1);
    expect(last?.content).toBe(`It is your turn, Bob (Polite). Reply only with your own words as Bob, without a name prefix.\n${answerNote('Ada')}`);
  });

  it('is decided per model and host: the same model on another host is another cache', () => {
    expect(sharesModel(onOneModel, 0)).toBe(true);
    expect(sharesModel([ADA, { ...BOB, model: ADA.model, host: 'http://gpu:11434' }], 0)).toBe(false);
    expect(sharesModel([ADA, BOB], 0)).toBe(false);
    expect(sharesModel([ADA], 0)).toBe(false);
  });
});
