// What a message to @debate asks for, and which debate the chat means.
import { describe, expect, it } from 'vitest';
import { chatIntent, debateFollowups, debateIdOf, DEBATE_PARTICIPANT_ID, helpMarkdown, lastDebateId } from '../../../extension/chat/chat-commands';

const ID = '20261201-110512-a3f9c2';
const OTHER = '20261202-090000-00ff00';

describe('chatIntent', () => {
  it('reads a plain message as a debate on it, and an empty one as a call for help', () => {
    expect(chatIntent(undefined, '  Should we adopt a monorepo?  ')).toEqual({ kind: 'debate', topic: 'Should we adopt a monorepo?' });
    expect(chatIntent(undefined, '')).toEqual({ kind: 'help' });
    expect(chatIntent(undefined, ' \n ')).toEqual({ kind: 'help' });
  });

  it('/judge: the debate id the text names, else none (the history decides)', () => {
    expect(chatIntent('judge', '')).toEqual({ kind: 'judge', debateId: null });
    expect(chatIntent('judge', `please judge ${ID}`)).toEqual({ kind: 'judge', debateId: ID });
    // Not an id: a date and time without the suffix, or one with upper-case hex.
    expect(chatIntent('judge', '20261201-110512')).toEqual({ kind: 'judge', debateId: null });
    expect(chatIntent('judge', '20261201-110512-A3F9C2')).toEqual({ kind: 'judge', debateId: null });
  });

  it('/continue: the default, a number of exchanges, an id, or both', () => {
    expect(chatIntent('continue', '')).toEqual({ kind: 'continue', debateId: null, exchanges: null });
    expect(chatIntent('continue', '2')).toEqual({ kind: 'continue', debateId: null, exchanges: 2 });
    expect(chatIntent('continue', ` ${ID} `)).toEqual({ kind: 'continue', debateId: ID, exchanges: null });
    expect(chatIntent('continue', `${ID} 3`)).toEqual({ kind: 'continue', debateId: ID, exchanges: 3 });
    expect(chatIntent('continue', `20 ${ID}`)).toEqual({ kind: 'continue', debateId: ID, exchanges: 20 });
  });

  it.each(['0', '21', '2.5', '-1', 'two', '2 3', 'more please'])('/continue %s is refused, saying what it takes', (text) => {
    const intent = chatIntent('continue', text);
    expect(intent.kind).toBe('refused');
    expect(intent.kind === 'refused' && intent.message).toContain('from 1 to 20');
  });

  it('a command it does not have is refused, naming its commands', () => {
    const intent = chatIntent('explain', 'x');
    expect(intent).toEqual({ kind: 'refused', message: '@debate has no command /explain. Its commands are /judge and /continue.' });
  });
});

describe('the debate of this chat', () => {
  it('is the last one this participant returned in its result metadata', () => {
    const history = [
      { participant: DEBATE_PARTICIPANT_ID },
      { participant: DEBATE_PARTICIPANT_ID, result: { metadata: { debateId: ID } } },
      { participant: DEBATE_PARTICIPANT_ID },
      { participant: DEBATE_PARTICIPANT_ID, result: { metadata: { debateId: OTHER } } },
      // Later turns without a debate (help, a refusal) and other participants' results don't count.
      { participant: DEBATE_PARTICIPANT_ID, result: {} },
      { participant: 'github.copilot.default', result: { metadata: { debateId: ID } } },
    ];
    expect(lastDebateId(history)).toBe(OTHER);
    expect(lastDebateId(history.slice(0, 3))).toBe(ID);
    expect(lastDebateId([])).toBeNull();
  });

  it('takes only metadata that holds a real debate id', () => {
    expect(debateIdOf({ debateId: ID })).toBe(ID);
    for (const metadata of [undefined, null, 'x', {}, { debateId: 7 }, { debateId: '../../etc' }, { debateId: `${ID}/x` }]) expect(debateIdOf(metadata)).toBeNull();
  });

  it('offers /judge and /continue after a request that has a debate, nothing otherwise', () => {
    expect(debateFollowups({ debateId: ID })).toEqual([
      { prompt: '', command: 'judge', label: 'Judge this debate' },
      { prompt: '', command: 'continue', label: 'Continue this debate' },
    ]);
    expect(debateFollowups(undefined)).toEqual([]);
    expect(debateFollowups({})).toEqual([]);
  });

  it('help names the example, the setting, both commands and the default exchanges', () => {
    const help = helpMarkdown(3);
    expect(help).toContain('`@debate Should we adopt a monorepo?`');
    expect(help).toContain('`talkingModels.defaultSpeakers`');
    expect(help).toContain('- `/judge`:');
    expect(help).toContain('- `/continue`: the debate goes on for 3 more exchanges');
  });
});
