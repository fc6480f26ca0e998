// Registering @debate: where the host has a Chat view the participant is created with its
// handler, icon and follow-ups; where `vscode.chat` is missing, or creating a participant
// throws (code-server), nothing is registered, a debug line says why, and the whole
// extension still activates (extension.ts's activate run against a VS Code stand-in).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { vscodeStub, FakeCancellation, StreamRecorder } from './chat-fakes';

/**
 * A stand-in for any part of VS Code activation touches and these tests don't look at: every
 * property is another stand-in, calling or constructing one gives one (a Disposable, an Event…).
 */
function anything(): unknown {
  const cache = new Map<PropertyKey, unknown>();
  const target = function standIn(): void {};
  return new Proxy(target, {
    get: (_target, key) => {
      if (key === 'then') return undefined;
      if (key === Symbol.toPrimitive) return () => '';
      if (key === Symbol.iterator) return function* empty() {};
      if (!cache.has(key)) cache.set(key, anything());
      return cache.get(key);
    },
    set: (_target, key, value) => {
      cache.set(key, value);
      return true;
    },
    apply: () => anything(),
    construct: () => anything() as object,
  });
}

vi.mock('vscode', () => {
  const names = ['window', 'workspace', 'commands', 'Disposable', 'lm', 'TreeItem', 'ThemeIcon', 'EventEmitter', 'env', 'extensions'];
  const module: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, anything()]));
  // Reads through `vscodeStub` at call time, so each test sets its own `chat`; any other part is a stand-in.
  return new Proxy(module, {
    get: (target, key) => {
      if (typeof key !== 'string' || ['default', '__esModule', 'then'].includes(key)) return undefined;
      return key in vscodeStub ? vscodeStub[key as keyof typeof vscodeStub] : (target[key] ??= anything());
    },
    has: (target, key) => key in vscodeStub || key in target,
    ownKeys: (target) => [...new Set([...Reflect.ownKeys(target), ...Reflect.ownKeys(vscodeStub)])],
    getOwnPropertyDescriptor: (target, key) => ({ configurable: true, enumerable: true, writable: true, value: key in vscodeStub ? vscodeStub[key as keyof typeof vscodeStub] : target[key as string] }),
  });
});

import { DEBATE_PARTICIPANT_ID } from '../../../extension/chat/chat-commands';
import { registerDebateParticipant } from '../../../extension/chat/debate-participant';
import { activate } from '../../../extension/extension';
import { memoryJudgeChoice } from '../../../extension/judge/panel-judge';
import { readSettings } from '../../../extension/settings';
import type * as vscode from 'vscode';

afterEach(() => {
  vscodeStub.chat = undefined;
});

function debugLog() {
  return { debug: vi.fn<(message: string) => void>(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

function extensionContext(): vscode.ExtensionContext & { subscriptions: { dispose(): unknown }[] } {
  const context = anything() as Record<string, unknown>;
  return new Proxy(context, {
    get: (target, key) => (key === 'subscriptions' ? subscriptions : key === 'extensionUri' ? { path: '/ext' } : target[key as string]),
  }) as unknown as vscode.ExtensionContext & { subscriptions: { dispose(): unknown }[] };
}
let subscriptions: { dispose(): unknown }[] = [];

function participantServices(log = debugLog()) {
  const settings = () => readSettings(() => undefined);
  const unreachable = { ok: false as const, error: { kind: 'unreachable' as const, message: 'No Ollama.' } };
  return {
    engines: async () => unreachable,
    library: { open: async () => ({ ok: false as const, message: 'no library' }), changed: () => undefined },
    settings,
    listModels: async () => ({ ...unreachable, host: null }),
    judgeChoice: memoryJudgeChoice(),
    log: log as unknown as vscode.LogOutputChannel & ReturnType<typeof debugLog>,
  };
}

describe('registering @debate', () => {
  it('creates the participant with its handler, icon and follow-ups where the host has a Chat view', async () => {
    subscriptions = [];
    const created: Array<{ id: string; handler: vscode.ChatRequestHandler; participant: Partial<vscode.ChatParticipant> }> = [];
    vscodeStub.chat = {
      createChatParticipant: (id: string, handler: vscode.ChatRequestHandler) => {
        const participant = { id, dispose: vi.fn() } as Partial<vscode.ChatParticipant>;
        created.push({ id, handler, participant });
        return participant;
      },
    };
    registerDebateParticipant(extensionContext(), participantServices());
    expect(created.map((entry) => entry.id)).toEqual([DEBATE_PARTICIPANT_ID]);
    const [{ handler, participant }] = created as [typeof created[number]];
    expect(participant.iconPath).toEqual({ path: '/ext/media/icons/talking-models.png' });
    expect(subscriptions).toContain(participant);
    const followups = await participant.followupProvider!.provideFollowups({ metadata: { debateId: '20261201-110512-a3f9c2' } }, { history: [] }, new FakeCancellation() as unknown as vscode.CancellationToken);
    expect(followups?.map((followup) => followup.command)).toEqual(['judge', 'continue']);
    // The handler is the participant's: a plain "@debate" gets the help.
    const stream = new StreamRecorder();
    await handler({ prompt: '', command: undefined } as vscode.ChatRequest, { history: [] }, stream as unknown as vscode.ChatResponseStream, new FakeCancellation() as unknown as vscode.CancellationToken);
    expect(stream.text).toContain('/judge');
  });

  it.each([
    ['vscode.chat is missing', undefined, /vscode\.chat is missing/],
    ['vscode.chat has no createChatParticipant', {}, /vscode\.chat is missing/],
    ['createChatParticipant throws', { createChatParticipant: () => { throw new Error('chat is not available in code-server'); } }, /could not be registered here \(chat is not available in code-server\)/],
  ])('registers nothing where %s, saying so at debug level', (_case, chat, said) => {
    subscriptions = [];
    vscodeStub.chat = chat;
    const log = debugLog();
    expect(() => registerDebateParticipant(extensionContext(), participantServices(log))).not.toThrow();
    expect(subscriptions).toEqual([]);
    expect(log.debug).toHaveBeenCalledWith(expect.stringMatching(said));
  });

  it.each([
    ['without vscode.chat', undefined],
    ['with a createChatParticipant that throws', { createChatParticipant: () => { throw new Error('no chat here'); } }],
  ])('activates the whole extension %s', (_case, chat) => {
    subscriptions = [];
    vscodeStub.chat = chat;
    expect(() => activate(extensionContext())).not.toThrow();
    // Everything else was registered as before.
    expect(subscriptions.length).toBeGreaterThan(5);
  });

  it('activates with the participant where the host has a Chat view', () => {
    subscriptions = [];
    const ids: string[] = [];
    vscodeStub.chat = { createChatParticipant: (id: string) => { ids.push(id); return { dispose: () => undefined }; } };
    activate(extensionContext());
    expect(ids).toEqual([DEBATE_PARTICIPANT_ID]);
  });
});
