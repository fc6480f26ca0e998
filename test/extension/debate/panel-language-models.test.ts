// VS Code's chat models pushed to the panels (the host side, the real panel; no Ollama is asked):
// a panel's picture holds the list, every open panel hears of a new list, a closed one no more;
// with none (no source, or an empty list) the snapshot says nothing of them.
import { afterEach, describe, expect, it } from 'vitest';
import type { LanguageModelOption } from '../../../extension/contract/language-models';
import type { LanguageModelSource } from '../../../extension/models/language-model-source';
import { removeLibraries, tempLibrary, TestWindow } from './panel-harness';

const GPT: LanguageModelOption = { id: 'copilot-gpt-4o', name: 'GPT-4o', vendor: 'copilot', family: 'gpt-4o', maxInputTokens: 128_000 };

/** A source whose list the test changes, as VS Code's change event would. */
function changingSource(initial: LanguageModelOption[]): LanguageModelSource & { change(models: LanguageModelOption[]): void } {
  let models = initial;
  const listeners = new Set<(models: LanguageModelOption[]) => void>();
  return {
    current: () => models,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change: (next) => {
      models = next;
      for (const listener of [...listeners]) listener(next);
    },
  };
}

describe('VS Code language models in the panels', () => {
  const windows: TestWindow[] = [];

  afterEach(() => {
    for (const opened of windows.splice(0)) opened.dispose();
    removeLibraries();
  });

  function openWindow(source?: LanguageModelSource): TestWindow {
    // The panels' pictures are taken directly: nothing lists Ollama's models, so no server is needed.
    const window = new TestWindow('http://127.0.0.1:9', tempLibrary());
    if (source !== undefined) window.services.languageModels = source;
    windows.push(window);
    return window;
  }

  it('holds the list in its picture, and sends each new list to every open panel, none to a closed one', () => {
    const source = changingSource([GPT]);
    const window = openWindow(source);
    const [first, second] = [window.open(), window.open()];
    expect(first.panel.snapshot().languageModels).toEqual([GPT]);

    const next = [GPT, { ...GPT, id: 'copilot-claude', name: 'Claude', family: 'claude' }];
    source.change(next);
    expect(first.of('language-models')).toEqual([{ type: 'language-models', models: next }]);
    expect(second.of('language-models')).toEqual([{ type: 'language-models', models: next }]);

    second.close();
    source.change([]);
    expect(first.of('language-models').at(-1)).toEqual({ type: 'language-models', models: [] });
    expect(second.of('language-models')).toHaveLength(1);
    // Emptied, the snapshot says nothing of them, as with no source at all.
    expect(first.panel.snapshot()).not.toHaveProperty('languageModels');
  });

  it('says nothing of them when the window has no source', () => {
    const panel = openWindow().open();
    expect(panel.panel.snapshot()).not.toHaveProperty('languageModels');
    expect(panel.of('language-models')).toEqual([]);
  });
});
