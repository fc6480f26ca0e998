// The Debates view's Judge Debate… with its dialogs faked: the pick list (the proposed model
// first), the progress notification's messages and Cancel, and what each ending says, with its
// way out (Retry when Ollama did not answer, Pull when the judge model is missing).
import { describe, expect, it, vi } from 'vitest';
import type { Verdict } from '../../engine/judge/verdict';
import type { DebateError, ModelInfo } from '../../engine/types';
import type { Choice } from '../../extension/library/command-rules';
import { judgeDebateFromView, type JudgeActionDeps } from '../../extension/library/judge-action';
import type { JudgeOutcome } from '../../extension/judge/judge-runner';
import { memoryJudgeChoice } from '../../extension/judge/panel-judge';
import type { ModelListing } from '../../extension/models/model-catalog';

const HOST = 'http://127.0.0.1:11434';

function model(name: string): ModelInfo {
  return { name, sizeBytes: 1, parameterSize: '4B', quantization: 'Q4_K_M', family: null, modifiedAt: null };
}

const MODELS = [model('llama3.2:1b'), model('gemma3:4b'), model('qwen2.5:7b')];

const VERDICT = {
  judgeModel: 'gemma3:4b', createdAt: '2025-11-25T09:05:00Z', seed: 1, turnsJudged: 2,
  orders: [{ sides: [0, 1], winner: 1, retried: false }, { sides: [1, 0], winner: 1, retried: false }],
  scores: [
    { speakerIndex: 0, speaker: 'Ada', model: 'llama3.2:1b', scores: { argument: 5, evidence: 5, rebuttal: 5, tone: 5 }, overall: 5 },
    { speakerIndex: 1, speaker: 'Bob', model: 'qwen2.5:7b', scores: { argument: 8, evidence: 8, rebuttal: 8, tone: 8 }, overall: 8 },
  ],
  winner: 1, rationale: 'Bob.', judgeFamily: { family: 'gemma3', source: 'show' }, familyWarning: null,
} satisfies Verdict;

interface Script {
  listings: ModelListing[];
  pick?: (choices: Choice<string>[]) => Choice<string> | undefined;
  outcomes: JudgeOutcome[];
  /** The button each error message is answered with. */
  errorAnswers?: (string | undefined)[];
  remembered?: string;
}

function harness(script: Script) {
  const listings = [...script.listings];
  const outcomes = [...script.outcomes];
  const errorAnswers = [...(script.errorAnswers ?? [])];
  const seen = { picks: [] as Choice<string>[][], infos: [] as string[], errors: [] as { message: string; actions: string[] }[], progress: [] as string[], titles: [] as string[], pulls: [] as (string | undefined)[] };
  const judgeDebate = vi.fn<JudgeActionDeps['panels']['judgeDebate']>(async (_id, _model, hooks) => {
    hooks?.onProgress?.({ order: 1, orders: 2, retry: false });
    hooks?.onProgress?.({ order: 2, orders: 2, retry: true });
    return outcomes.shift() ?? { kind: 'cancelled' };
  });
  const deps: JudgeActionDeps = {
    panels: { judgeDebate },
    // The last listing repeats.
    listModels: async () => (listings.length > 1 ? listings.shift()! : listings[0]!),
    choice: memoryJudgeChoice(script.remembered ?? ''),
    ui: {
      pick: async <T>(choices: Choice<T>[]) => {
        seen.picks.push(choices as unknown as Choice<string>[]);
        return (script.pick ?? ((offered) => offered[0]))(choices as unknown as Choice<string>[]) as unknown as Choice<T> | undefined;
      },
      info: async (message) => {
        seen.infos.push(message);
        return undefined;
      },
      error: async (message, ...actions) => {
        seen.errors.push({ message, actions });
        return errorAnswers.shift();
      },
    },
    withProgress: async (title, task) => {
      seen.titles.push(title);
      return task((message) => seen.progress.push(message), new AbortController().signal);
    },
    pullModel: async (name) => void seen.pulls.push(name),
    log: { info: vi.fn(), warn: vi.fn(), error: vi.fn() },
  };
  return { deps, seen, judgeDebate };
}

const listed: ModelListing = { ok: true, host: HOST, models: MODELS };

describe('Judge Debate… in the Debates view', () => {
  it('offers the installed models, the proposed one first, judges under a progress notification and says the result', async () => {
    const { deps, seen, judgeDebate } = harness({ listings: [listed], outcomes: [{ kind: 'judged', verdict: VERDICT }], remembered: 'gemma3:4b', pick: (choices) => choices[0] });
    const outcome = await judgeDebateFromView(deps, 'debate-7');
    expect(outcome?.kind).toBe('judged');
    expect(seen.picks[0]!.map((choice) => [choice.label, choice.description])).toEqual([
      ['gemma3:4b', 'proposed · 4B · Q4_K_M'], ['llama3.2:1b', '4B · Q4_K_M'], ['qwen2.5:7b', '4B · Q4_K_M'],
    ]);
    expect(judgeDebate).toHaveBeenCalledWith('debate-7', 'gemma3:4b', expect.objectContaining({ signal: expect.any(AbortSignal) }));
    expect(seen.titles).toEqual(['Judging with gemma3:4b']);
    expect(seen.progress).toEqual(['Judging: order 1 of 2…', 'Judging: order 2 of 2, asking again with the schema restated…']);
    expect(seen.infos).toEqual(["Talking Models: gemma3:4b's verdict: Bob wins (every order agreed). It is saved with the debate and shown in its panel."]);
  });

  it('does nothing when the pick list is dismissed', async () => {
    const { deps, judgeDebate } = harness({ listings: [listed], outcomes: [], pick: () => undefined });
    expect(await judgeDebateFromView(deps, 'debate-7')).toBeUndefined();
    expect(judgeDebate).not.toHaveBeenCalled();
  });

  it('Ollama not answering the listing: says so with Retry, which lists again', async () => {
    const down: DebateError = { kind: 'unreachable', message: `Cannot reach Ollama at ${HOST}.` };
    const { deps, seen } = harness({ listings: [{ ok: false, host: HOST, error: down }, listed], outcomes: [{ kind: 'judged', verdict: VERDICT }], errorAnswers: ['Retry'] });
    expect((await judgeDebateFromView(deps, 'debate-7'))?.kind).toBe('judged');
    expect(seen.errors).toEqual([{ message: `Talking Models: Cannot reach Ollama at ${HOST}.`, actions: ['Retry'] }]);
    expect(seen.picks).toHaveLength(1);
  });

  it('no model installed: offers to pull one', async () => {
    const { deps, seen } = harness({ listings: [{ ok: true, host: HOST, models: [] }], outcomes: [], errorAnswers: ['Pull a Model'] });
    expect(await judgeDebateFromView(deps, 'debate-7')).toBeUndefined();
    expect(seen.errors[0]!.message).toBe(`Talking Models: no model is installed on ${HOST} to judge with.`);
    expect(seen.pulls).toEqual([undefined]);
  });

  it('the judge model went missing: offers its pull', async () => {
    const missing: DebateError = { kind: 'model-missing', message: 'The judge model gemma3:4b is not installed.', model: 'gemma3:4b' };
    const { deps, seen } = harness({ listings: [listed], outcomes: [{ kind: 'failed', error: missing }], errorAnswers: ['Pull gemma3:4b'] });
    await judgeDebateFromView(deps, 'debate-7');
    expect(seen.errors).toEqual([{ message: 'Talking Models: The judge model gemma3:4b is not installed.', actions: ['Pull gemma3:4b'] }]);
    expect(seen.pulls).toEqual(['gemma3:4b']);
  });

  it('no verdict: "verdict unavailable" with the reason; a cancel says nothing', async () => {
    const { deps, seen } = harness({ listings: [listed], outcomes: [{ kind: 'unavailable', reason: 'in order 1 of 2, the answer is not JSON' }, { kind: 'cancelled' }] });
    await judgeDebateFromView(deps, 'debate-7');
    expect(seen.errors).toEqual([{ message: 'Talking Models: verdict unavailable: in order 1 of 2, the answer is not JSON', actions: [] }]);
    await judgeDebateFromView(deps, 'debate-7');
    expect(seen.errors).toHaveLength(1);
    expect(seen.infos).toEqual([]);
  });
});
