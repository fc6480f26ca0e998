import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../engine/context';
import { languageModelTurns } from '../../../extension/language-models/lm-messages';

const SYSTEM: ChatMessage = { role: 'system', content: 'You are Lu. Be polite.' };

describe('languageModelTurns', () => {
  it('puts the system message at the top of the first user message: there is no system role', () => {
    expect(languageModelTurns([SYSTEM, { role: 'user', content: 'Topic: tea?' }])).toEqual([{ role: 'user', text: 'You are Lu. Be polite.\n\nTopic: tea?' }]);
  });

  it('merges consecutive messages of one role, in order', () => {
    const messages: ChatMessage[] = [
      SYSTEM,
      { role: 'user', content: 'Topic: tea?' },
      { role: 'user', content: 'Ada: Tea.' },
      { role: 'assistant', content: 'Coffee.' },
      { role: 'assistant', content: 'Truly.' },
      { role: 'user', content: 'Ada: No.' },
    ];
    expect(languageModelTurns(messages)).toEqual([
      { role: 'user', text: 'You are Lu. Be polite.\n\nTopic: tea?\n\nAda: Tea.' },
      { role: 'assistant', text: 'Coffee.\n\nTruly.' },
      { role: 'user', text: 'Ada: No.' },
    ]);
  });

  it('opens with the instructions as a user message where the chat would open with the model', () => {
    expect(languageModelTurns([SYSTEM, { role: 'assistant', content: 'Coffee.' }, { role: 'user', content: 'Why?' }])).toEqual([
      { role: 'user', text: 'You are Lu. Be polite.' },
      { role: 'assistant', text: 'Coffee.' },
      { role: 'user', text: 'Why?' },
    ]);
  });

  it('gathers every system message, wherever it stands, into the preamble', () => {
    const messages: ChatMessage[] = [SYSTEM, { role: 'user', content: 'Topic.' }, { role: 'system', content: 'Reply in French.' }, { role: 'user', content: 'Go.' }];
    expect(languageModelTurns(messages)).toEqual([{ role: 'user', text: 'You are Lu. Be polite.\n\nReply in French.\n\nTopic.\n\nGo.' }]);
  });

  it('leaves a chat without system messages as it is, and makes one user message of instructions alone', () => {
    expect(languageModelTurns([{ role: 'user', content: 'Hi.' }])).toEqual([{ role: 'user', text: 'Hi.' }]);
    expect(languageModelTurns([SYSTEM])).toEqual([{ role: 'user', text: 'You are Lu. Be polite.' }]);
    expect(languageModelTurns([])).toEqual([]);
  });

  it('leaves the messages it was given unchanged', () => {
    const messages: ChatMessage[] = [SYSTEM, { role: 'user', content: 'A' }, { role: 'user', content: 'B' }];
    const copy = structuredClone(messages);
    languageModelTurns(messages);
    expect(messages).toEqual(copy);
  });
});
