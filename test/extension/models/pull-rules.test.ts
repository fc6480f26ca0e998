import { describe, expect, it } from 'vitest';
import type { PullProgress } from '../../../engine/types';
import { modelNameProblem, PullProgressFilter, pullPercent } from '../../../extension/models/pull-rules';

const progress = (status: string, fraction: number | null): PullProgress => ({ status, fraction, completedBytes: null, totalBytes: null });

describe('pull progress', () => {
  it('is a whole percent within 0..100, or null without byte counts', () => {
    expect(pullPercent(progress('pulling', 0.4567))).toBe(45);
    expect(pullPercent(progress('pulling', 1.2))).toBe(100);
    expect(pullPercent(progress('verifying', null))).toBeNull();
  });

  it('lets a report through only when the stage or whole percent changes', () => {
    const filter = new PullProgressFilter();
    const accepted = [
      progress('pulling manifest', null),
      progress('pulling abc', 0.001),
      progress('pulling abc', 0.009),
      progress('pulling abc', 0.011),
      progress('pulling abc', 0.012),
      progress('verifying sha256 digest', null),
      progress('success', null),
    ].filter((p) => filter.accept(p));
    expect(accepted.map((p) => `${p.status} ${pullPercent(p)}`)).toEqual([
      'pulling manifest null',
      'pulling abc 0',
      'pulling abc 1',
      'verifying sha256 digest null',
      'success null',
    ]);
  });
});

describe('modelNameProblem', () => {
  it('accepts Ollama model names and explains what is wrong with others', () => {
    for (const name of ['llama3.2:1b', 'hf.co/org/model:Q4_K_M', 'qwen2.5']) expect(modelNameProblem(name)).toBeNull();
    expect(modelNameProblem('  ')).toMatch(/Enter a model name/);
    expect(modelNameProblem('llama 3')).toMatch(/no spaces/);
  });
});
