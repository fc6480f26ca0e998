import { describe, expect, it } from 'vitest';
import { parseSpeakerSpec, toneMistake } from '../../engine/cli/speaker-spec';
import { BUILT_IN_TONES, DEFAULT_TONE } from '../../engine/tones';

const parse = (value: string) => parseSpeakerSpec(value, BUILT_IN_TONES, DEFAULT_TONE);

describe('parseSpeakerSpec', () => {
  it('reads a final known tone, in any case, and spells it as the tone list does', () => {
    expect(parse('llama3.2:1b:Cynic')).toEqual({ model: 'llama3.2:1b', tone: 'Cynic' });
    expect(parse('llama3.2:1b:philosopher')).toEqual({ model: 'llama3.2:1b', tone: 'Philosopher' });
    expect(parse('mistral:SNARKY')).toEqual({ model: 'mistral', tone: 'Snarky' });
  });

  it('keeps colons that are part of the model name', () => {
    expect(parse('llama3.2:1b')).toEqual({ model: 'llama3.2:1b', tone: DEFAULT_TONE });
    expect(parse('hf.co/org/model:Q4_K_M')).toEqual({ model: 'hf.co/org/model:Q4_K_M', tone: DEFAULT_TONE });
  });

  it('treats an unknown last segment as part of the model, with the default tone', () => {
    expect(parse('qwen2.5:0.5b:Pirate')).toEqual({ model: 'qwen2.5:0.5b:Pirate', tone: DEFAULT_TONE });
  });

  it('takes a model without a tag, and a custom tone', () => {
    expect(parse('mistral')).toEqual({ model: 'mistral', tone: DEFAULT_TONE });
    const tones = [...BUILT_IN_TONES, { name: 'Pirate', prompt: 'Arr.' }];
    expect(parseSpeakerSpec('qwen2.5:0.5b:pirate', tones, DEFAULT_TONE)).toEqual({ model: 'qwen2.5:0.5b', tone: 'Pirate' });
  });

  it('never takes a bare tone as the whole value: a model named like a tone stays a model', () => {
    expect(parse('cynic')).toEqual({ model: 'cynic', tone: DEFAULT_TONE });
    expect(parse(':Cynic')).toEqual({ model: ':Cynic', tone: DEFAULT_TONE });
    expect(parse('  llama3.2:1b:Polite  ')).toEqual({ model: 'llama3.2:1b', tone: 'Polite' });
  });

  it('reads a host of its own after "@", with or without a tone', () => {
    expect(parse('llama3.1:70b:Cynic@http://gpu-box:11434')).toEqual({ model: 'llama3.1:70b', tone: 'Cynic', host: 'http://gpu-box:11434' });
    expect(parse('llama3.1:70b@gpu-box:11434')).toEqual({ model: 'llama3.1:70b', tone: DEFAULT_TONE, host: 'gpu-box:11434' });
    expect(parse('mistral@')).toEqual({ model: 'mistral', tone: DEFAULT_TONE });
  });
});

describe('toneMistake', () => {
  const spec = (value: string) => parse(value);

  it.each([
    ['m1:latest:Bogus', null, { model: 'm1:latest', word: 'Bogus', installed: false, certain: true }],
    ['m1:latest:Bogus', ['m1:latest'], { model: 'm1:latest', word: 'Bogus', installed: true, certain: true }],
    ['hf.co/org/model:Q4_K_M:Cynik', [], { model: 'hf.co/org/model:Q4_K_M', word: 'Cynik', installed: false, certain: true }],
    ['m1:Bogus', ['m1'], { model: 'm1', word: 'Bogus', installed: true, certain: false }],
    ['m1:Bogus', ['M1:latest'], { model: 'm1', word: 'Bogus', installed: true, certain: false }],
  ])('%s with installed %j is a tone mistake', (value, installed, mistake) => {
    expect(toneMistake(spec(value), installed)).toEqual(mistake);
  });

  it.each([
    ['llama3.2:1b', ['llama3.2:1b']],
    ['llama3.2:1b', null],
    ['m1:Bogus', null],
    ['m1:Bogus', ['m1:Bogus', 'm1:latest']],
    ['m1:Bogus', ['other:latest']],
    ['mistral', ['mistral:latest']],
    ['registry.local:5000/ns/model', []],
    ['llama3.2:1b:Cynic', []],
  ])('%s with installed %j is not', (value, installed) => {
    expect(toneMistake(spec(value), installed)).toBeNull();
  });
});
