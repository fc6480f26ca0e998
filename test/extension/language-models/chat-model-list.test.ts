// The host's list of VS Code's chat models, with the `vscode` module replaced by a stub whose `lm`
// each test sets: listed (in the panel's shape), listed again when VS Code says they changed (each
// subscriber told, once per real change; an older answer arriving last does not win), and empty and
// quiet (a debug line, never a warning) where `vscode.lm` is missing, throws or rejects.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatModelLike, LanguageModelOption } from '../../../extension/contract/language-models';

interface StubLm {
  selectChatModels(): Promise<readonly ChatModelLike[]>;
  onDidChangeChatModels(listener: () => void): { dispose(): void };
}

const stub = vi.hoisted(() => ({ lm: undefined as StubLm | undefined }));

vi.mock('vscode', () => ({
  get lm() {
    return stub.lm;
  },
}));

const { ChatModelList } = await import('../../../extension/language-models/chat-model-list');

function fakeLog() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (message: string) => void lines.push({ level, message });
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), trace: at('trace') } };
}

type Log = ConstructorParameters<typeof ChatModelList>[0];

/** A `vscode.lm` whose listing answers with `models` (changed by `set`), counting requests and change listeners. */
function fakeLm(initial: ChatModelLike[]) {
  let models = initial;
  const listeners = new Set<() => void>();
  let disposed = 0;
  const lm: StubLm & { selected: number } = {
    selected: 0,
    selectChatModels: async () => {
      lm.selected += 1;
      return models;
    },
    onDidChangeChatModels: (listener) => {
      listeners.add(listener);
      return { dispose: () => void (disposed += 1, listeners.delete(listener)) };
    },
  };
  return {
    lm,
    set: (next: ChatModelLike[]) => {
      models = next;
      for (const listener of [...listeners]) listener();
    },
    get listeners() {
      return listeners.size;
    },
    get disposed() {
      return disposed;
    },
  };
}

const GPT: ChatModelLike = { id: 'copilot-gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 128_000 };
const CLAUDE: ChatModelLike = { id: 'copilot-claude', name: 'Claude', vendor: 'copilot', family: 'claude', maxInputTokens: 200_000 };

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  stub.lm = undefined;
});

describe('ChatModelList', () => {
  it('lists the chat models VS Code offers, in the panel\'s shape, asking no model anything', async () => {
    const vscodeLm = fakeLm([GPT, CLAUDE]);
    stub.lm = vscodeLm.lm;
    const { log, lines } = fakeLog();
    const list = new ChatModelList(log as unknown as Log);
    await settle();
    expect(list.current()).toEqual([
      { id: 'copilot-claude', name: 'Claude', vendor: 'copilot', family: 'claude', maxInputTokens: 200_000 },
      { id: 'copilot-gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 128_000 },
    ]);
    expect(lines.filter((line) => line.level !== 'debug')).toEqual([]);
    list.dispose();
    expect(vscodeLm.disposed).toBe(1);
  });

  it('lists them again when VS Code says they changed, telling each subscriber once per real change', async () => {
    const vscodeLm = fakeLm([GPT]);
    stub.lm = vscodeLm.lm;
    const list = new ChatModelList(fakeLog().log as unknown as Log);
    await settle();
    const heard: LanguageModelOption[][] = [];
    const stop = list.subscribe((models) => heard.push(models));

    vscodeLm.set([GPT, CLAUDE]);
    await settle();
    expect(heard.map((models) => models.map((model) => model.id))).toEqual([['copilot-claude', 'copilot-gpt-4o']]);
    expect(list.current()).toHaveLength(2);

    // A change event that changed nothing tells no one.
    vscodeLm.set([CLAUDE, GPT]);
    await settle();
    expect(heard).toHaveLength(1);

    vscodeLm.set([]);
    await settle();
    expect(heard.at(-1)).toEqual([]);
    expect(list.current()).toEqual([]);

    stop();
    vscodeLm.set([GPT]);
    await settle();
    expect(heard).toHaveLength(2);
    list.dispose();
    expect(vscodeLm.listeners).toBe(0);
  });

  it('keeps the latest listing when an earlier one answers last', async () => {
    const answers: ((models: readonly ChatModelLike[]) => void)[] = [];
    stub.lm = {
      selectChatModels: () => new Promise((resolve) => answers.push(resolve)),
      onDidChangeChatModels: () => ({ dispose: () => undefined }),
    };
    const list = new ChatModelList(fakeLog().log as unknown as Log);
    const second = list.refresh();
    answers[1]?.([CLAUDE]);
    await second;
    answers[0]?.([GPT]);
    await settle();
    expect(list.current().map((model) => model.id)).toEqual(['copilot-claude']);
    list.dispose();
  });

  it('is empty and quiet where vscode.lm is missing, throws or rejects (code-server has no chat features)', async () => {
    const cases: [string, StubLm | undefined][] = [
      ['missing', undefined],
      ['throwing', {
        selectChatModels: () => {
          throw new Error('chat is not available');
        },
        onDidChangeChatModels: () => {
          throw new Error('chat is not available');
        },
      }],
      ['rejecting', { selectChatModels: () => Promise.reject(new Error('no chat provider')), onDidChangeChatModels: () => ({ dispose: () => undefined }) }],
    ];
    for (const [name, lm] of cases) {
      stub.lm = lm;
      const { log, lines } = fakeLog();
      const list = new ChatModelList(log as unknown as Log);
      const heard: LanguageModelOption[][] = [];
      list.subscribe((models) => heard.push(models));
      await expect(list.refresh(), name).resolves.toEqual([]);
      await settle();
      expect(list.current(), name).toEqual([]);
      expect(heard, name).toEqual([]);
      expect(lines.length, name).toBeGreaterThan(0);
      expect(lines.every((line) => line.level === 'debug'), name).toBe(true);
      expect(() => list.dispose(), name).not.toThrow();
    }
  });
});
