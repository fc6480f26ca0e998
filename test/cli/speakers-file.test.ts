// --speakers-file validation (every problem names the entry and the field), --persona-file, and
// the `,KEY=VALUE` settings of --speaker.
import { describe, expect, it } from 'vitest';
import { combinedTones } from '../../engine/cli/persona-file';
import { parseSpeakerSpec } from '../../engine/cli/speaker-spec';
import { parseSpeakersFile } from '../../engine/cli/speakers-file';
import { debateConfigFrom } from '../../engine/cli/debate-command';
import { NO_THINKING_CHOICE } from '../../engine/cli/thinking-option';
import { BUILT_IN_TONES, DEFAULT_TONE } from '../../engine/tones';
import type { Tone } from '../../engine/types';

const pirate: Tone = { name: 'Pirate', prompt: 'Speak like a pirate.' };
const tones = [...BUILT_IN_TONES, pirate];
const parse = (value: unknown) => parseSpeakersFile(JSON.stringify(value), 's.json', tones, DEFAULT_TONE);
const problem = (value: unknown): string => {
  try {
    parse(value);
  } catch (error) {
    expect((error as { exitCode?: number }).exitCode).toBe(2);
    return (error as Error).message;
  }
  throw new Error('parsed');
};

describe('--speakers-file', () => {
  it('reads every per-speaker setting, defaults the name and tone, and takes contextSize for contextWindow', () => {
    expect(
      parse([
        { name: 'Ada', model: 'llama3.2:1b', tone: 'cynic', host: 'http://gpu:11434', temperature: 0.2, contextWindow: 16384, thinking: 'high', stance: "Devil's advocate", role: 'an economist.' },
        { model: 'qwen2.5:0.5b', contextSize: 4096, thinking: false, tone: 'pirate' },
      ]),
    ).toEqual([
      { name: 'Ada', model: 'llama3.2:1b', tone: 'Cynic', host: 'http://gpu:11434', temperature: 0.2, contextSize: 16384, thinking: 'high', stance: 'devils-advocate', role: 'an economist' },
      { name: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Pirate', contextSize: 4096, thinking: false },
    ]);
    expect(parse([{ model: 'm', thinking: 'off' }])).toEqual([{ name: 'Speaker 1', model: 'm', tone: DEFAULT_TONE, thinking: false }]);
  });

  it('names the entry and the field of each kind of problem', () => {
    expect(problem([{ model: 'm' }, { name: 'Bo', model: 'm', temperature: 3 }])).toBe('s.json: speakers[1] ("Bo").temperature is a number from 0 to 2, not 3');
    expect(problem([{ model: 'm', contextWindow: 100 }])).toBe('s.json: speakers[0].contextWindow is a whole number of tokens from 512 to 1,048,576, not 100');
    expect(problem([{ model: 'm', contextSize: 8192.5 }])).toBe('s.json: speakers[0].contextSize is a whole number of tokens from 512 to 1,048,576, not 8192.5');
    expect(problem([{ model: 'm', contextWindow: 4096, contextSize: 4096 }])).toBe('s.json: speakers[0].contextWindow and contextSize are the same setting: give one');
    expect(problem([{ model: 'm', tone: 'Bogus' }])).toContain('s.json: speakers[0].tone "Bogus" is not a tone: the tones are Rational,');
    expect(problem([{ model: 'm', stance: 'maybe' }])).toBe('s.json: speakers[0].stance is for, against, devils-advocate, neutral, not "maybe"');
    expect(problem([{ model: 'm', role: 'r'.repeat(81) }])).toBe('s.json: speakers[0].role is longer than 80 characters: a role is a few words, like "a security engineer"');
    expect(problem([{ model: 'm', thinking: 'hard' }])).toBe('s.json: speakers[0].thinking is off, on, low, medium or high (or true/false), not "hard"');
    expect(problem([{ model: '  ' }])).toBe('s.json: speakers[0].model is empty: name an Ollama model, like llama3.2:1b');
    expect(problem([{ model: 'm', name: ' ' }])).toBe('s.json: speakers[0].name is empty: give the speaker a name, like Ada');
    expect(problem([{ name: 'Cy' }])).toMatch(/^s\.json: speakers\[0\] \("Cy"\)\.model: /);
    expect(problem([{ model: 'm', temperature: 'hot' }])).toMatch(/^s\.json: speakers\[0\]\.temperature: /);
    expect(problem([{ model: 'm', colour: 'red' }])).toBe('s.json: speakers[0] has an unknown field "colour"');
    expect(problem(['m'])).toMatch(/^s\.json: speakers\[0\]: /);
  });

  it('refuses a file that is not a list of 1 to 6 speakers', () => {
    expect(problem([])).toBe('s.json: give 1 to 6 speakers (it has 0)');
    expect(problem(Array.from({ length: 7 }, () => ({ model: 'm' })))).toBe('s.json: give 1 to 6 speakers (it has 7)');
    expect(problem({ speakers: [] })).toContain('s.json must hold a JSON array of speakers');
    expect(() => parseSpeakersFile('[{', 's.json', tones, DEFAULT_TONE)).toThrow('s.json is not valid JSON');
  });

  it('gives the debate its speakers, with --think applied on top', () => {
    const speakers = parse([{ name: 'Ada', model: 'm', temperature: 0.5 }, { model: 'n' }]);
    const config = debateConfigFrom({ topic: 't', exchanges: 1, speakers: [], thinking: { all: true, bySpeaker: new Map() } }, [], 'http://h:1', speakers);
    expect(config.speakers).toEqual([
      { name: 'Ada', model: 'm', tone: DEFAULT_TONE, temperature: 0.5, thinking: true },
      { name: 'Speaker 2', model: 'n', tone: DEFAULT_TONE, thinking: true },
    ]);
  });
});

describe('--speaker settings', () => {
  it('reads name, stance, role, temperature and context window after the spec, a host included', () => {
    expect(parseSpeakerSpec('llama3.1:70b:cynic@http://gpu-box:11434,name=Ada,stance=against,role=a security engineer, retired,temperature=0.3,context-window=16384', tones, DEFAULT_TONE)).toEqual({
      model: 'llama3.1:70b', tone: 'Cynic', host: 'http://gpu-box:11434', name: 'Ada', stance: 'against', role: 'a security engineer, retired', temperature: 0.3, contextSize: 16384,
    });
    expect(parseSpeakerSpec('llama3.2:1b,stance=for', tones, DEFAULT_TONE)).toEqual({ model: 'llama3.2:1b', tone: DEFAULT_TONE, stance: 'for' });
  });

  it('puts the settings and --context-window and --language into the debate configuration', () => {
    const config = debateConfigFrom(
      { topic: 't', exchanges: 1, speakers: ['m:pirate,name=Ada,temperature=1.5', 'n'], thinking: NO_THINKING_CHOICE, language: 'French', contextWindow: 4096 },
      [pirate],
      'http://h:1',
    );
    expect(config).toMatchObject({ language: 'French', contextWindow: 4096 });
    expect(config.speakers).toEqual([
      { name: 'Ada', model: 'm', tone: 'Pirate', temperature: 1.5 },
      { name: 'Speaker 2', model: 'n', tone: DEFAULT_TONE },
    ]);
  });
});

describe('--persona-file', () => {
  it('adds personas to the tones, and refuses a name in both files', () => {
    const economist = { name: 'Economist', prompt: 'Cite numbers.', stance: 'for' as const, role: 'an economist' };
    expect(combinedTones([pirate], [economist])).toEqual([pirate, economist]);
    expect(() => combinedTones([pirate], [{ name: 'pirate', prompt: 'Arr.' }])).toThrow('"pirate" is both in --tone-file and in --persona-file: rename one');
  });
});
