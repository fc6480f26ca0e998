// The language-model speaker backend against a LanguageModelChat of our own, with the `vscode`
// module replaced by a stub: what it sends (no system role, the tone in the first user message,
// the consent justification), what it streams and records, Stop, the timeouts, and each
// LanguageModelError's message.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';
import type { ChatMessage } from '../../../engine/context';
import { EngineError } from '../../../engine/errors';
import { STOPPED_NOTE, type TurnRequest } from '../../../engine/turn-stream';
import type { SpeakerConfig } from '../../../engine/types';
import { LanguageModelBackend, withCountedTokens } from '../../../extension/language-models/lm-backend';
import { StubChatModel, type StubBehaviour } from './stub-chat-model';
import { LanguageModelError, offered, type StubMessage } from './vscode-stub';

vi.mock('vscode', () => import('./vscode-stub'));

const LU: SpeakerConfig = { name: 'Lu', model: 'gpt-test', tone: 'Polite', backend: 'vscode-lm' };
const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You are Lu, polite and brief.' },
  { role: 'user', content: 'Topic: Tea or coffee?' },
  { role: 'user', content: 'Ada (Cynic): Tea.' },
  { role: 'assistant', content: 'Coffee.' },
  { role: 'user', content: 'Ada (Cynic): Still tea.' },
];

/** Consent as VS Code keeps it: undefined until asked, then the person's answer. */
function access(answer: boolean | undefined = undefined): vscode.LanguageModelAccessInformation {
  return { onDidChange: () => ({ dispose: () => undefined }), canSendRequest: () => answer };
}

function offer(behaviour: StubBehaviour = {}, maxInputTokens = 12_000): StubChatModel {
  const model = new StubChatModel('gpt-test', 'GPT Test', maxInputTokens, behaviour);
  offered.models = [model];
  return model;
}

async function preparedBackend(): Promise<LanguageModelBackend> {
  const backend = new LanguageModelBackend(access());
  await backend.prepare([LU], new AbortController().signal);
  return backend;
}

function turnRequest(patch: Partial<TurnRequest> = {}): { request: TurnRequest; tokens: string[] } {
  const tokens: string[] = [];
  const request: TurnRequest = {
    speaker: LU, host: 'http://127.0.0.1:11434', messages: MESSAGES, contextWindow: 12_000,
    firstTokenTimeoutMs: 5000, stallTimeoutMs: 5000, signal: new AbortController().signal,
    onToken: (text) => tokens.push(text), ...patch,
  };
  return { request, tokens };
}

function sentMessages(model: StubChatModel): StubMessage[] {
  return (model.requests[0]?.messages ?? []) as StubMessage[];
}

beforeEach(() => {
  offered.models = [];
  offered.selectors = [];
  delete offered.failure;
});

describe('prepare', () => {
  it('finds the model by its id and sizes prompts to its input limit; consent not yet asked is no refusal', async () => {
    offer({}, 64_000);
    const backend = new LanguageModelBackend(access(undefined));
    await backend.prepare([LU], new AbortController().signal);
    expect(offered.selectors).toEqual([{ id: 'gpt-test' }]);
    expect(backend.contextWindow(LU)).toBe(64_000);
  });

  it('fails when VS Code no longer offers the model, naming it and saying what to do', async () => {
    const backend = new LanguageModelBackend(access(true));
    const failure = await backend.prepare([LU], new AbortController().signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EngineError);
    expect((failure as EngineError).detail).toMatchObject({ speaker: 'Lu', model: 'gpt-test', message: 'gpt-test is no longer offered by VS Code: choose another model for Lu.' });
  });

  it('fails when the person refused Talking Models the model, saying how to allow it', async () => {
    offer();
    const failure = await new LanguageModelBackend(access(false)).prepare([LU], new AbortController().signal).catch((error: unknown) => error);
    expect((failure as EngineError).detail.message).toBe(
      'Talking Models may not use GPT Test: start the debate again and choose Allow, or change it under Accounts > Manage Language Model Access.',
    );
  });

  it('fails in words a person can read when VS Code cannot list its models', async () => {
    offered.failure = new Error('Chat is disabled');
    const failure = await new LanguageModelBackend(access()).prepare([LU], new AbortController().signal).catch((error: unknown) => error);
    expect((failure as EngineError).detail.message).toBe('Lu (gpt-test) failed: Chat is disabled');
  });

  it('sends no request while preparing: consent is asked by the first turn, in a debate the person started', async () => {
    const model = offer();
    await preparedBackend();
    expect(model.requests).toEqual([]);
  });
});

describe('a turn', () => {
  it('sends the tone in the first user message, no system role, same-role messages merged, with the justification', async () => {
    const model = offer({ chunks: ['Coffee'] });
    const backend = await preparedBackend();
    await backend.streamTurn(turnRequest().request);
    expect(sentMessages(model)).toEqual([
      { role: 'user', content: 'You are Lu, polite and brief.\n\nTopic: Tea or coffee?\n\nAda (Cynic): Tea.' },
      { role: 'assistant', content: 'Coffee.' },
      { role: 'user', content: 'Ada (Cynic): Still tea.' },
    ]);
    expect(model.requests[0]?.options?.justification).toBe('Talking Models uses this model as a speaker in the debate you started.');
  });

  it('streams the reply chunk by chunk and records the model’s token count and the turn’s times', async () => {
    const model = offer({ chunks: ['Coffee ', 'keeps ', 'you ', 'sharp.'], tokenCount: 6 });
    const backend = await preparedBackend();
    const { request, tokens } = turnRequest();
    const { reply, error } = await backend.streamTurn(request);
    expect(error).toBeNull();
    expect(tokens).toEqual(['Coffee ', 'keeps ', 'you ', 'sharp.']);
    expect(reply).toMatchObject({ text: 'Coffee keeps you sharp.', status: 'complete' });
    expect(model.countedTexts).toEqual(['Coffee keeps you sharp.']);
    expect(reply.metrics).toMatchObject({ tokens: 6, promptTokens: null, loadDurationMs: null, contextWindow: 12_000 });
    expect(reply.metrics.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(reply.metrics.durationMs).toBeGreaterThanOrEqual(reply.metrics.timeToFirstTokenMs ?? Infinity);
    expect(reply.metrics.tokensPerSecond).toBeGreaterThan(0);
  });

  it('counts chunks as tokens when the model cannot count them', async () => {
    offer({ chunks: ['One ', 'two ', 'three.'], tokenCount: new Error('no tokenizer') });
    const { reply } = await (await preparedBackend()).streamTurn(turnRequest().request);
    expect(reply.metrics).toMatchObject({ tokens: 3, tokensPerSecond: null });
  });

  it('passes the speaker’s temperature as a model option, and none when it has none', async () => {
    const model = offer({ chunks: ['Hm.'] });
    const backend = await preparedBackend();
    await backend.streamTurn(turnRequest({ speaker: { ...LU, temperature: 0.3 } }).request);
    await backend.streamTurn(turnRequest().request);
    expect(model.requests.map((sent) => sent.options?.modelOptions)).toEqual([{ temperature: 0.3 }, undefined]);
  });
});

describe('Stop', () => {
  it.each([false, true])('cancels the request at once and keeps the partial reply as a stopped turn (provider lingers: %s)', async (ignoresCancellation) => {
    const model = offer({ chunks: ['One ', 'two ', 'three ', 'four ', 'five.'], chunkDelayMs: 30, ignoresCancellation });
    const backend = await preparedBackend();
    const stop = new AbortController();
    const { request } = turnRequest({ signal: stop.signal, onToken: (text) => text === 'two ' && stop.abort() });
    const startedAt = performance.now();
    const { reply, error } = await backend.streamTurn(request);
    expect(performance.now() - startedAt).toBeLessThan(1000);
    expect(error).toBeNull();
    expect(reply).toMatchObject({ text: 'One two ', status: 'stopped', note: STOPPED_NOTE });
    expect(model.requests[0]?.token?.isCancellationRequested).toBe(true);
    // A stopped turn is not counted again: its chunks stand.
    expect(model.countedTexts).toEqual([]);
    expect(reply.metrics.tokens).toBe(2);
  });

  it('sends nothing when stopped before the turn began', async () => {
    const model = offer({ chunks: ['Late.'] });
    const { reply } = await (await preparedBackend()).streamTurn(turnRequest({ signal: AbortSignal.abort() }).request);
    expect(reply).toMatchObject({ text: '', status: 'stopped' });
    expect(model.requests).toEqual([]);
  });
});

describe('limits shared with Ollama turns', () => {
  it('fails a model that says nothing within the first-token timeout, cancelling its request', async () => {
    const model = offer({ silent: true });
    const { reply, error } = await (await preparedBackend()).streamTurn(turnRequest({ firstTokenTimeoutMs: 200 }).request);
    expect(error).toMatchObject({ kind: 'first-token-timeout', speaker: 'Lu', model: 'gpt-test' });
    expect(error?.message).toMatch(/^Lu \(GPT Test\) produced no text within 0 s/);
    expect(reply.status).toBe('failed');
    expect(model.requests[0]?.token?.isCancellationRequested).toBe(true);
  });

  it('cuts a reply at the cap, keeps it and stops the model', async () => {
    const model = offer({ chunks: ['12345', '67890', 'abcde'] });
    const { reply } = await (await preparedBackend()).streamTurn(turnRequest({ maxReplyChars: 7 }).request);
    expect(reply).toMatchObject({ text: '1234567', status: 'complete', note: expect.stringContaining('Cut at 7 characters') });
    expect(model.requests[0]?.token?.isCancellationRequested).toBe(true);
  });
});

describe('failures', () => {
  const cases: Array<[string, Error, string]> = [
    ['NoPermissions', LanguageModelError.NoPermissions('denied'), 'Talking Models may not use GPT Test: start the debate again and choose Allow, or change it under Accounts > Manage Language Model Access.'],
    ['Blocked', LanguageModelError.Blocked('Monthly limit reached'), 'GPT Test takes no more requests for now: a quota or rate limit was reached (Monthly limit reached). Wait a few minutes and retry the turn, or choose another model for Lu.'],
    ['NotFound', LanguageModelError.NotFound('gone'), 'GPT Test is no longer offered by VS Code: choose another model for Lu.'],
    ['anything else', new Error('Server overloaded'), 'Lu (GPT Test) failed: Server overloaded'],
  ];

  it.each(cases)('%s on the request fails the turn with its message', async (_code, thrown, message) => {
    offer({ refuseWith: thrown });
    const { reply, error } = await (await preparedBackend()).streamTurn(turnRequest().request);
    expect(error).toMatchObject({ message, speaker: 'Lu', model: 'gpt-test' });
    expect(reply).toMatchObject({ status: 'failed', text: '', note: message });
  });

  it.each(cases)('%s mid-stream keeps the partial reply', async (_code, thrown, message) => {
    offer({ chunks: ['Half ', 'a ', 'thought'], failAfter: { chunks: 2, error: thrown } });
    const { reply, error } = await (await preparedBackend()).streamTurn(turnRequest().request);
    expect(error?.message).toBe(message);
    expect(reply).toMatchObject({ status: 'failed', text: 'Half a ' });
  });

  it('fails the turn, not the process, when the model vanished after prepare', async () => {
    offer({ refuseWith: LanguageModelError.NotFound() });
    const backend = await preparedBackend();
    offered.models = [];
    const { error } = await backend.streamTurn(turnRequest().request);
    expect(error?.message).toBe('GPT Test is no longer offered by VS Code: choose another model for Lu.');
  });

  it('fails the turn, without throwing, when the model was never found', async () => {
    offered.failure = new Error('Chat is disabled');
    const { reply, error } = await new LanguageModelBackend(access()).streamTurn(turnRequest().request);
    expect(error?.message).toBe('gpt-test is no longer offered by VS Code: choose another model for Lu.');
    expect(reply.status).toBe('failed');
  });
});

describe('withCountedTokens', () => {
  it('rates the tokens over the time from the first token to the end', () => {
    const metrics = { timeToFirstTokenMs: 500, durationMs: 2500, tokens: 9, tokensPerSecond: null, loadDurationMs: null, promptTokens: null };
    expect(withCountedTokens(metrics, 40)).toMatchObject({ tokens: 40, tokensPerSecond: 20 });
    expect(withCountedTokens({ ...metrics, timeToFirstTokenMs: null }, 40).tokensPerSecond).toBeNull();
  });
});
