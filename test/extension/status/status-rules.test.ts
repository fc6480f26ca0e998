import { describe, expect, it } from 'vitest';
import type { DebateError, ModelInfo } from '../../../engine/types';
import type { ModelListing } from '../../../extension/models/model-catalog';
import { modelCount, statusView, TOOLTIP_MODEL_NAMES } from '../../../extension/status/status-rules';

const HOST = 'http://127.0.0.1:11434';

function models(...names: string[]): ModelInfo[] {
  return names.map((name) => ({ name, sizeBytes: 1, family: 'llama', parameterSize: '1B', quantization: 'Q4_0', modifiedAt: null }));
}

const listed = (listing: ModelListing) => statusView({ kind: 'listed', listing });
const failed = (error: DebateError, host: string | null = HOST) => listed({ ok: false, host, error });

describe('the Ollama status bar item', () => {
  it('counts the installed models, in words, and names the host and the models in the tooltip', () => {
    const view = listed({ ok: true, host: HOST, models: models('llama3.2:1b', 'qwen2.5:0.5b', 'phi3:mini') });
    expect(view.text).toBe('$(comment-discussion) Ollama: 3 models');
    expect(view.tooltip).toBe(`Ollama at ${HOST}: 3 models installed (llama3.2:1b, qwen2.5:0.5b, phi3:mini).\nClick to show the debate.`);
    expect(view.accessibleLabel).toBe(`Ollama at ${HOST}: 3 models installed`);
    expect(view).toMatchObject({ warning: false, action: 'reveal' });
  });

  it('says one model and no models', () => {
    expect(modelCount(0)).toBe('no models');
    expect(modelCount(1)).toBe('1 model');
    expect(modelCount(2)).toBe('2 models');
    expect(listed({ ok: true, host: HOST, models: models('llama3.2:1b') }).text).toBe('$(comment-discussion) Ollama: 1 model');
    const empty = listed({ ok: true, host: HOST, models: [] });
    expect(empty.text).toBe('$(comment-discussion) Ollama: no models');
    expect(empty.tooltip).toBe(`Ollama at ${HOST}: no models installed.\nClick to show the debate.`);
  });

  it('lists only the first few model names in the tooltip, then how many more', () => {
    const names = Array.from({ length: TOOLTIP_MODEL_NAMES + 2 }, (_, index) => `model-${index}:latest`);
    const view = listed({ ok: true, host: HOST, models: models(...names) });
    expect(view.tooltip).toContain(`(${names.slice(0, TOOLTIP_MODEL_NAMES).join(', ')} and 2 more)`);
    expect(view.tooltip).not.toContain(names.at(-1));
  });

  it('says "not reachable" when Ollama does not answer, on the warning background, and a click opens the walkthrough', () => {
    const messages = [
      `Cannot reach Ollama at ${HOST}. Start it with \`ollama serve\`, or set talkingModels.ollamaHost.`,
      `Ollama at ${HOST} accepted the connection but answered nothing in 10 s: it may be stuck or overloaded.`,
      `Nothing at ${HOST} accepted a connection within 10 s: check the host setting.`,
    ];
    for (const message of messages) {
      const view = failed({ kind: 'unreachable', message });
      expect(view.text).toBe('$(warning) Ollama not reachable');
      expect(view.tooltip).toBe(`Ollama at ${HOST} is not reachable. ${message}\nClick to open "Get started with Talking Models".`);
      expect(view.accessibleLabel).toBe(`Ollama at ${HOST} is not reachable`);
      expect(view).toMatchObject({ warning: true, action: 'walkthrough' });
    }
  });

  it('sends a host setting that is not an address to that setting', () => {
    const message = 'host "ftp://box" is not a valid Ollama address: use a URL like http://127.0.0.1:11434.';
    const view = failed({ kind: 'invalid-config', field: 'host', message }, null);
    expect(view.text).toBe('$(warning) Ollama host not valid');
    expect(view.tooltip).toBe(`${message}\nClick to open the Ollama host setting.`);
    expect(view).toMatchObject({ warning: true, action: 'host-setting' });
  });

  it('tells a server that answers but fails apart from one that is not there, and a click shows the debate (its panel offers Retry)', () => {
    const cases: DebateError[] = [
      { kind: 'http', status: 500, message: `Ollama at ${HOST} answered HTTP 500: internal error` },
      { kind: 'unknown', message: `The server at ${HOST} does not answer like Ollama: its answer is not JSON.` },
    ];
    for (const error of cases) {
      const view = failed(error);
      expect(view.text).toBe('$(warning) Ollama error');
      expect(view.tooltip).toContain(error.message);
      expect(view.tooltip).toContain(`Ollama at ${HOST} answered, but not with its models.`);
      expect(view).toMatchObject({ warning: true, action: 'reveal' });
    }
    // The engine did not load: no host to name.
    expect(failed({ kind: 'unknown', message: 'The debate engine could not load: boom' }, null).accessibleLabel).toBe('Ollama failed to list its models');
  });

  it('never shows a password in the host, nor control characters or bidi overrides from the server or the setting', () => {
    const withPassword = 'http://me:s3cret@gpu-box:11434';
    for (const view of [
      listed({ ok: true, host: withPassword, models: models('llama3.2:1b') }),
      failed({ kind: 'unreachable', message: 'Cannot reach Ollama.' }, withPassword),
    ]) {
      expect(view.tooltip).not.toContain('s3cret');
      expect(view.accessibleLabel).not.toContain('s3cret');
      expect(view.tooltip).toContain('http://me:***@gpu-box:11434');
    }
    const hostile = listed({ ok: true, host: `http://box\u001b]8;;x\u0007:11434`, models: models('evil\u202Eslm\u001b[31m', 'fine:1b') });
    const errorView = failed({ kind: 'unreachable', message: 'Cannot reach \u001b[2JOllama\u0085.' });
    for (const text of [hostile.tooltip, hostile.accessibleLabel, errorView.tooltip]) {
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(hostile.tooltip).toContain('evilslm[31m, fine:1b');
  });

  it('asks before it knows, without warning', () => {
    const view = statusView({ kind: 'checking' });
    expect(view.text).toBe('$(sync~spin) Ollama');
    expect(view.tooltip).toBe('Asking Ollama for its models…');
    expect(view).toMatchObject({ warning: false, action: 'reveal' });
  });
});
