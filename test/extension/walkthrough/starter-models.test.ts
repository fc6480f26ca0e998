import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryLabel, sizeLabel, STARTER_MODELS, suggestedStarterModels } from '../../../extension/walkthrough/starter-models';

const GiB = 2 ** 30;
const suggested = (gigabytes: number): string[] => suggestedStarterModels(gigabytes * GiB).map((starter) => starter.model);

describe('suggestedStarterModels', () => {
  it('suggests 1B-class models for 8 GB and only the smallest ones below', () => {
    expect(suggested(8)).toEqual(['llama3.2:1b', 'gemma3:1b', 'qwen2.5:0.5b']);
    expect(suggested(4)).toEqual(['gemma3:1b', 'qwen2.5:0.5b']);
  });

  it('suggests larger models as memory grows, the largest that fit first', () => {
    expect(suggested(16)).toEqual(['gemma3:4b', 'llama3.2:3b', 'qwen2.5:3b']);
    expect(suggested(32)).toEqual(['llama3.1:8b', 'qwen2.5:7b', 'gemma3:4b']);
    expect(suggested(64)).toEqual(['gemma3:12b', 'llama3.1:8b', 'qwen2.5:7b']);
    expect(suggested(512)).toEqual(['gemma3:12b', 'llama3.1:8b', 'qwen2.5:7b']);
  });

  it('never suggests a model whose download takes more than a fifth of the memory, but always suggests one', () => {
    for (const gigabytes of [1, 2, 3, 6, 12, 24, 48]) {
      const starters = suggestedStarterModels(gigabytes * GiB);
      expect(starters.length).toBeGreaterThan(0);
      if (gigabytes >= 2) for (const starter of starters) expect(starter.downloadBytes * 5).toBeLessThanOrEqual(gigabytes * GiB);
    }
    expect(suggested(1)).toEqual(['qwen2.5:0.5b']);
    expect(suggested(0)).toEqual(['qwen2.5:0.5b']);
  });

  it('lists the catalogue smallest first, each model once', () => {
    const sizes = STARTER_MODELS.map((starter) => starter.downloadBytes);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(new Set(STARTER_MODELS.map((starter) => starter.model)).size).toBe(STARTER_MODELS.length);
  });

  it('matches the table the walkthrough page shows', () => {
    const page = readFileSync(join(process.cwd(), 'media/walkthrough/pull-model.md'), 'utf8');
    const rows = [...page.matchAll(/^\| (\d+) GB(?: and more)? \| (.+) \|$/gmu)].map(([, memory, models]) => ({
      memory: Number(memory),
      models: [...(models ?? '').matchAll(/`([^`]+)`/gu)].map((match) => match[1]),
    }));
    expect(rows.map((row) => row.memory)).toEqual([4, 8, 16, 32, 64]);
    for (const row of rows) expect(row.models).toEqual(suggested(row.memory));
  });
});

describe('sizes as people read them', () => {
  it('labels downloads in decimal units, one decimal below 10 GB', () => {
    expect(sizeLabel(398_000_000)).toBe('398 MB');
    expect(sizeLabel(1_300_000_000)).toBe('1.3 GB');
    expect(sizeLabel(8_100_000_000)).toBe('8.1 GB');
    expect(sizeLabel(17_400_000_000)).toBe('17 GB');
  });

  it('labels memory in whole binary gigabytes, as it is sold', () => {
    expect(memoryLabel(16 * GiB)).toBe('16 GB');
    expect(memoryLabel(7.7 * GiB)).toBe('8 GB');
    expect(memoryLabel(0.2 * GiB)).toBe('1 GB');
  });
});
