import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCHANGES, parseCommandLine, USAGE } from '../../engine/cli/args';
import { DEFAULT_EMBEDDING_THRESHOLD } from '../../engine/embedding-repetition';
import { TURN_ORDERS } from '../../engine/turn-order';
import type { ThinkingSetting } from '../../engine/types';

describe('parseCommandLine', () => {
  it('parses a full debate command', () => {
    const result = parseCommandLine([
      'debate', '--topic', ' Tabs or spaces? ', '--speaker', 'llama3.2:1b:Cynic', '--speaker', 'qwen2.5:0.5b',
      '--exchanges', '4', '--host', 'http://gpu:11434', '--out', 'x.md', '--force', '--no-color', '--tone-file', 't.json',
    ]);
    expect(result).toEqual({
      ok: true,
      command: {
        kind: 'debate',
        topic: 'Tabs or spaces?',
        speakers: ['llama3.2:1b:Cynic', 'qwen2.5:0.5b'],
        exchanges: 4,
        host: 'http://gpu:11434',
        out: 'x.md',
        force: true,
        noColor: true,
        toneFile: 't.json',
        interactive: false,
        showThinking: false,
        thinking: { bySpeaker: new Map() },
        library: undefined,
        closingStatements: false,
      },
    });
  });

  it('takes --interactive and --library for a debate', () => {
    expect(parseCommandLine(['debate', '--topic', 't', '--speaker', 'm', '--interactive', '--library', 'lib'])).toMatchObject({
      ok: true,
      command: { kind: 'debate', interactive: true, library: 'lib' },
    });
  });

  it('fills the defaults', () => {
    const result = parseCommandLine(['debate', '--topic=t', '--speaker=m']);
    expect(result).toMatchObject({
      ok: true,
      command: { exchanges: DEFAULT_EXCHANGES, host: undefined, out: undefined, force: false, noColor: false },
    });
  });

  it('reads help and version anywhere they make sense', () => {
    for (const argv of [
      [], ['--help'], ['-h'], ['help'], ['debate', '--help'], ['models', '-h'], ['tones', '--help'],
      ['list', '-h'], ['show', '--help'], ['continue', '--help'], ['branch', '-h'], ['export', '--help'], ['import', '-h'], ['delete', '--help'],
    ]) {
      expect(parseCommandLine(argv)).toEqual({ ok: true, command: { kind: 'help' } });
    }
    expect(parseCommandLine(['--version'])).toEqual({ ok: true, command: { kind: 'version' } });
    expect(parseCommandLine(['-V'])).toEqual({ ok: true, command: { kind: 'version' } });
  });

  it('parses models and tones', () => {
    expect(parseCommandLine(['models', '--host', 'h:1'])).toEqual({ ok: true, command: { kind: 'models', host: 'h:1' } });
    expect(parseCommandLine(['tones'])).toEqual({ ok: true, command: { kind: 'tones', toneFile: undefined, noColor: false } });
    // Every command takes --library, so a script or an alias can always pass it.
    expect(parseCommandLine(['models', '--library', 'lib'])).toEqual({ ok: true, command: { kind: 'models', host: undefined } });
    expect(parseCommandLine(['tones', '--library', 'lib'])).toMatchObject({ ok: true, command: { kind: 'tones' } });
  });

  it.each([
    [['debate', '--speaker', 'm'], 'debate needs --topic TEXT'],
    [['debate', '--topic', '  ', '--speaker', 'm'], 'debate needs --topic TEXT'],
    [['debate', '--topic', 't'], 'debate needs 1 to 6 --speaker options, or --speakers-file FILE (got 0)'],
    [['debate', '--topic', 't', ...Array.from({ length: 7 }, () => ['--speaker', 'm']).flat()], 'debate needs 1 to 6 --speaker options, or --speakers-file FILE (got 7)'],
    [['debate', '--topic', 't', '--speaker', ' '], '--speaker needs a model name'],
    [['debate', '--topic', 't', '--speaker', 'm', '--speaker', ':Cynic'], '--speaker needs a model name, e.g. llama3.2:1b:Cynic (got ":Cynic")'],
    [['debate', '--topic', 't', '--speaker', 'm', '--speaker', '@gpu-box:11434'], '--speaker needs a model name, e.g. llama3.2:1b:Cynic (got "@gpu-box:11434")'],
    [['debate', '--topic', 't', '--speaker', 'm', '--exchanges', 'two'], '--exchanges takes a whole number, not "two"'],
    [['debate', '--topic', 't', '--speaker', 'm', '--exchanges', '-1'], '--exchanges'],
    [['argue'], 'unknown command "argue"'],
    [['--topic', 't'], 'expected a command before --topic'],
    [['debate', '--topic', 't', '--speaker', 'm', '--colour'], "Unknown option '--colour'"],
    [['debate', '--topic'], "Option '--topic <value>' argument missing"],
    [['models', 'extra'], "Unexpected argument 'extra'"],
    [['tones', '--host', 'h'], "Unknown option '--host'"],
    [['debate', '--topic', 't', '--speaker', 'm', '--library', ' '], '--library needs a folder'],
    [['list', 'extra'], "Unexpected argument 'extra'"],
    [['list', '--exchanges', '2'], "Unknown option '--exchanges'"],
    [['show'], 'show needs a debate ID (`talking-models list` shows them)'],
    [['show', 'a', 'b'], 'show takes one argument; unexpected "b"'],
    [['show', 'a', '--at', '1'], "Unknown option '--at'"],
    [['continue'], 'continue needs a debate ID'],
    [['continue', 'a', '--exchanges', 'many'], '--exchanges takes a whole number, not "many"'],
    [['continue', 'a', '--exchanges', '0'], '--exchanges takes a whole number from 1 to 20, not 0'],
    [['continue', 'a', '--exchanges', '21'], '--exchanges takes a whole number from 1 to 20, not 21'],
    [['continue', 'a', '--topic', 't'], "Unknown option '--topic'"],
    [['branch', 'a'], 'branch needs --at K'],
    [['branch', '--at', '1'], 'branch needs a debate ID'],
    [['branch', 'a', '--at', '0'], '--at takes a whole number from 1'],
    [['branch', 'a', '--at', 'two'], '--at takes a whole number, not "two"'],
    [['branch', 'a', '--at', '1', '--exchanges', '101'], '--exchanges takes a whole number from 1 to 100, not 101'],
    [['branch', 'a', '--at', '1', '--speaker', ':Cynic'], '--speaker needs a model name'],
    [['branch', 'a', '--at', '1', ...Array.from({ length: 7 }, () => ['--speaker', 'm']).flat()], 'branch takes at most 6 --speaker options (got 7)'],
    [['export', 'a', '--format', 'md'], 'export needs --out FILE'],
    [['export', 'a', '--out', 'x.txt'], 'export needs --format md or --format json'],
    [['export', 'a', '--out', 'x.md', '--format', 'pdf'], '--format takes md or json, not "pdf"'],
    [['export', '--out', 'x.md'], 'export needs a debate ID'],
    [['import'], 'import needs a JSON file to import'],
    [['import', 'a.json', 'b.json'], 'import takes one argument; unexpected "b.json"'],
    [['delete'], 'delete needs a debate ID'],
    [['delete', 'a', '--force'], "Unknown option '--force'"],
  ])('rejects %j with a short reason', (argv, reason) => {
    const result = parseCommandLine(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(reason);
      expect(result.message).not.toContain('\n');
    }
  });
});

describe('the library commands', () => {
  const id = '20260115-093012-a3f9c2';

  it('parses list and show, with --json and --library', () => {
    expect(parseCommandLine(['list'])).toEqual({ ok: true, command: { kind: 'list', json: false, noColor: false, library: undefined } });
    expect(parseCommandLine(['list', '--json', '--library', '/l', '--no-color'])).toEqual({
      ok: true,
      command: { kind: 'list', json: true, noColor: true, library: '/l' },
    });
    expect(parseCommandLine(['show', id])).toEqual({ ok: true, command: { kind: 'show', id, json: false, noColor: false, library: undefined } });
    expect(parseCommandLine(['show', '--json', id, '--library=/l'])).toEqual({
      ok: true,
      command: { kind: 'show', id, json: true, noColor: false, library: '/l' },
    });
  });

  it('parses continue, with or without more exchanges', () => {
    expect(parseCommandLine(['continue', id])).toEqual({
      ok: true,
      command: { kind: 'continue', id, exchanges: undefined, host: undefined, out: undefined, force: false, noColor: false, interactive: false, showThinking: false, library: undefined },
    });
    expect(parseCommandLine(['continue', id, '--exchanges', '2', '--host', 'h:1', '--interactive', '--out', 'x.md', '--force', '--library', 'l'])).toEqual({
      ok: true,
      command: { kind: 'continue', id, exchanges: 2, host: 'h:1', out: 'x.md', force: true, noColor: false, interactive: true, showThinking: false, library: 'l' },
    });
  });

  it('parses branch: the turn, replacement speakers slot by slot ("-" keeps one), exchanges in all and a note', () => {
    expect(parseCommandLine(['branch', id, '--at', '3'])).toEqual({
      ok: true,
      command: {
        kind: 'branch', id, at: 3, speakers: [], exchanges: undefined, note: undefined, toneFile: undefined,
        host: undefined, out: undefined, force: false, noColor: false, interactive: false, showThinking: false, library: undefined,
        thinking: { bySpeaker: new Map() },
      },
    });
    expect(
      parseCommandLine([
        'branch', id, '--at', '1', '--speaker', '-', '--speaker', 'qwen2.5:0.5b:Cynic', '--exchanges', '25',
        '--note', ' Be brief. ', '--tone-file', 't.json', '--host', 'h:1', '--library', 'l',
      ]),
    ).toMatchObject({
      ok: true,
      command: { kind: 'branch', id, at: 1, speakers: [null, 'qwen2.5:0.5b:Cynic'], exchanges: 25, note: 'Be brief.', toneFile: 't.json', host: 'h:1', library: 'l' },
    });
    expect(parseCommandLine(['branch', id, '--at', '1', '--speaker=', '--note', '  '])).toMatchObject({
      ok: true,
      command: { speakers: [null], note: undefined },
    });
  });

  it('parses export, taking the format from --format or the file name', () => {
    expect(parseCommandLine(['export', id, '--format', 'json', '--out', 'd.txt'])).toEqual({
      ok: true,
      command: { kind: 'export', id, format: 'json', out: 'd.txt', force: false, thinking: true, library: undefined },
    });
    expect(parseCommandLine(['export', id, '--out', 'D.MD', '--force'])).toMatchObject({ ok: true, command: { format: 'md', force: true } });
    expect(parseCommandLine(['export', id, '--out', 'd.json'])).toMatchObject({ ok: true, command: { format: 'json' } });
    expect(parseCommandLine(['export', id, '--out', 'd.json', '--format', 'Markdown'])).toMatchObject({ ok: true, command: { format: 'md' } });
  });

  it('takes --no-thinking for export, and --show-thinking for every command that runs a debate', () => {
    expect(parseCommandLine(['export', id, '--out', 'd.md', '--no-thinking'])).toMatchObject({ ok: true, command: { thinking: false } });
    for (const argv of [['debate', '--topic', 't', '--speaker', 'm'], ['continue', id], ['branch', id, '--at', '1']]) {
      expect(parseCommandLine([...argv, '--show-thinking'])).toMatchObject({ ok: true, command: { showThinking: true } });
    }
  });

  it('parses import and delete', () => {
    expect(parseCommandLine(['import', 'd.json', '--library', 'l'])).toEqual({ ok: true, command: { kind: 'import', file: 'd.json', library: 'l' } });
    expect(parseCommandLine(['delete', id])).toEqual({ ok: true, command: { kind: 'delete', id, yes: false, library: undefined } });
    expect(parseCommandLine(['delete', id, '--yes'])).toMatchObject({ ok: true, command: { yes: true } });
    expect(parseCommandLine(['delete', '-y', id])).toMatchObject({ ok: true, command: { yes: true } });
  });
});

describe('timeouts in seconds', () => {
  it.each([
    ['300', 300_000],
    ['1.5', 1500],
    [' 20 ', 20_000],
    ['86400', 86_400_000],
  ])('--first-token-timeout %s and --stall-timeout %s are ms for the engine', (value, ms) => {
    for (const command of [['debate', '--topic', 't', '--speaker', 'm'], ['continue', 'id'], ['branch', 'id', '--at', '1']]) {
      expect(parseCommandLine([...command, '--first-token-timeout', value, '--stall-timeout', value])).toMatchObject({
        ok: true,
        command: { firstTokenTimeoutMs: ms, stallTimeoutMs: ms },
      });
    }
  });

  it.each(['0', '5s', 'soon', '1e3', '86401', ''])('refuses %j', (value) => {
    const result = parseCommandLine(['debate', '--topic', 't', '--speaker', 'm', '--first-token-timeout', value]);
    expect(result).toEqual({ ok: false, message: `--first-token-timeout takes a number of seconds from more than 0 to 86400, e.g. 300, not "${value}"` });
  });

  it('leaves them out when not given: the settings or defaults apply', () => {
    expect(parseCommandLine(['debate', '--topic', 't', '--speaker', 'm'])).toMatchObject({ ok: true, command: { firstTokenTimeoutMs: undefined, stallTimeoutMs: undefined } });
  });
});

describe('--think', () => {
  const debate = (...think: string[]) => parseCommandLine(['debate', '--topic', 't', '--speaker', 'a', '--speaker', 'b', ...think.flatMap((value) => ['--think', value])]);

  it('takes off, on or a level for every speaker, and N=VALUE for speaker N alone (the last value for a speaker wins)', () => {
    expect(debate('off')).toMatchObject({ ok: true, command: { thinking: { all: false, bySpeaker: new Map() } } });
    expect(debate('ON', '2=high')).toMatchObject({ ok: true, command: { thinking: { all: true, bySpeaker: new Map([[2, 'high']]) } } });
    expect(debate('1=low', '1=medium', ' 2 = off ')).toMatchObject({ ok: true, command: { thinking: { bySpeaker: new Map<number, ThinkingSetting>([[1, 'medium'], [2, false]]) } } });
    expect(parseCommandLine(['branch', '20260115-093012-a3f9c2', '--at', '1', '--think', '2=on'])).toMatchObject({ ok: true, command: { thinking: { bySpeaker: new Map([[2, true]]) } } });
  });

  it('refuses values it cannot read, and speakers that cannot exist', () => {
    for (const value of ['maybe', '', '1=', '=high', '1=extreme', 'true']) {
      expect(debate(value), value).toEqual({ ok: false, message: `--think takes off, on, low, medium or high, or N=VALUE for speaker N alone, not "${value}"` });
    }
    expect(debate('0=on')).toEqual({ ok: false, message: '--think 0=on: there is no speaker 0 (speakers are numbered 1 to 6)' });
    expect(debate('7=on')).toEqual({ ok: false, message: '--think 7=on: there is no speaker 7 (speakers are numbered 1 to 6)' });
  });
});

/** A one-speaker debate command line with `extra` options, parsed. */
const debate = (...extra: string[]) => parseCommandLine(['debate', '--topic', 't', '--speaker', 'm', ...extra]);
/** The usage error of such a command line, or null when it parses. */
const usage = (...extra: string[]) => {
  const result = debate(...extra);
  return result.ok ? null : result.message;
};

describe('--order and --stop-on', () => {
  it('takes each turn order, a seed for random, and leaves both out when not given', () => {
    expect(debate()).toMatchObject({ ok: true, command: { order: undefined, stopOn: undefined } });
    expect(debate('--order', 'reply')).toMatchObject({ ok: true, command: { order: { kind: 'reply' } } });
    expect(debate('--order', 'Round-Robin')).toMatchObject({ ok: true, command: { order: { kind: 'round-robin' } } });
    expect(debate('--order', 'random', '--seed', '42')).toMatchObject({ ok: true, command: { order: { kind: 'random', seed: 42 } } });
    expect(debate('--order', 'random')).toMatchObject({ ok: true, command: { order: { kind: 'random' } } });
  });

  it('refuses an unknown order, a seed without random, and a seed out of range', () => {
    expect(usage('--order', 'alphabetical')).toContain('--order is one of round-robin, random, reply');
    expect(usage('--seed', '4')).toContain('--seed is the seed of --order random');
    expect(usage('--order', 'reply', '--seed', '4')).toContain('--seed applies to --order random only');
    expect(usage('--order', 'random', '--seed=-1')).toContain('--seed takes a whole number');
    expect(usage('--order', 'random', '--seed', '1.5')).toContain('--seed takes a whole number');
    expect(usage('--order', 'random', '--seed', String(2 ** 32))).toContain('from 0 to 4294967295');
  });

  it('takes --stop-on repetition, as a list or repeated, with the default or a given threshold', () => {
    expect(debate('--stop-on', 'repetition')).toMatchObject({ ok: true, command: { stopOn: { repetition: { threshold: 0.6, ngram: 3 } } } });
    expect(debate('--stop-on', 'repetition,', '--stop-on', 'REPETITION', '--repetition-threshold', '.8')).toMatchObject({
      ok: true,
      command: { stopOn: { repetition: { threshold: 0.8, ngram: 3 } } },
    });
  });

  it('refuses an unknown condition, a threshold without the condition, and thresholds that are not a share', () => {
    expect(usage('--stop-on', 'boredom')).toContain('--stop-on takes repetition, consensus, not "boredom"');
    expect(usage('--repetition-threshold', '0.5')).toContain('needs --stop-on repetition');
    for (const threshold of ['0', '1.5', 'abc', '-0.2', '0.5.1']) {
      expect(usage('--stop-on', 'repetition', `--repetition-threshold=${threshold}`)).toContain('--repetition-threshold is a share from 0 to 1');
    }
  });
});

describe('--moderator, --order simultaneous|moderator, --stop-on consensus, --embed-model and --closing', () => {
  it('leaves the moderator out and closing statements off when not asked for', () => {
    expect(debate()).toMatchObject({ ok: true, command: { moderator: undefined, closingStatements: false } });
  });

  it('takes a moderator model, with a server of its own after @ as a speaker names one', () => {
    expect(debate('--moderator', ' gemma3:4b ')).toMatchObject({ ok: true, command: { moderator: { model: 'gemma3:4b' } } });
    expect(debate('--moderator', 'gemma3:4b@http://gpu-box:11434')).toMatchObject({
      ok: true,
      command: { moderator: { model: 'gemma3:4b', host: 'http://gpu-box:11434' } },
    });
  });

  it('refuses a moderator without a model or with an empty server', () => {
    expect(usage('--moderator', '')).toContain('--moderator needs a model name');
    expect(usage('--moderator', '@http://gpu-box:11434')).toContain('--moderator needs a model name');
    expect(usage('--moderator=-x')).toContain('--moderator needs a model name');
    expect(usage('--moderator', '--closing')).toContain("'--moderator' argument is ambiguous");
    expect(usage('--moderator', 'gemma3:4b@ ')).toContain('give a server after "@"');
  });

  it('takes the simultaneous order, and the moderator order with a moderator', () => {
    expect(debate('--order', 'simultaneous')).toMatchObject({ ok: true, command: { order: { kind: 'simultaneous' } } });
    expect(debate('--order', 'moderator', '--moderator', 'gemma3:4b')).toMatchObject({
      ok: true,
      command: { order: { kind: 'moderator' }, moderator: { model: 'gemma3:4b' } },
    });
  });

  it('refuses the moderator order without a moderator, and a seed with either new order', () => {
    expect(usage('--order', 'moderator')).toBe('--order moderator needs --moderator MODEL: the model that picks the speakers');
    expect(usage('--order', 'simultaneous', '--seed', '3')).toContain('--seed applies to --order random only, not simultaneous');
    expect(usage('--order', 'moderator', '--moderator', 'm', '--seed', '3')).toContain('--seed applies to --order random only, not moderator');
  });

  it('asks the moderator for consensus when there is one, else the judge model', () => {
    expect(debate('--stop-on', 'consensus', '--moderator', 'gemma3:4b')).toMatchObject({ ok: true, command: { stopOn: { consensus: {} } } });
    const judged = debate('--stop-on', 'consensus', '--judge', 'qwen3:8b');
    expect(judged).toMatchObject({ ok: true, command: { stopOn: { consensus: { model: 'qwen3:8b' } }, judge: 'qwen3:8b' } });
    expect(judged.ok && judged.command.kind === 'debate' && judged.command.stopOn?.repetition).toBeUndefined();
    const both = debate('--stop-on', 'repetition,consensus', '--moderator', 'gemma3:4b', '--judge', 'qwen3:8b');
    expect(both).toMatchObject({ ok: true, command: { stopOn: { repetition: { threshold: 0.6, ngram: 3 }, consensus: {} } } });
  });

  it('refuses consensus with neither a moderator nor a judge', () => {
    expect(usage('--stop-on', 'consensus')).toBe(
      '--stop-on consensus needs --moderator MODEL or --judge MODEL: the model that finds whether the speakers agree',
    );
    expect(usage('--stop-on', 'repetition', '--stop-on', 'consensus')).toContain('--stop-on consensus needs --moderator MODEL or --judge MODEL');
  });

  it('compares by embeddings with --embed-model, the threshold then a similarity defaulting to the embedding default', () => {
    expect(debate('--stop-on', 'repetition', '--embed-model', 'nomic-embed-text')).toMatchObject({
      ok: true,
      command: { stopOn: { repetition: { threshold: DEFAULT_EMBEDDING_THRESHOLD, ngram: 3, embedModel: 'nomic-embed-text' } } },
    });
    expect(DEFAULT_EMBEDDING_THRESHOLD).toBe(0.92);
    expect(debate('--stop-on', 'repetition', '--embed-model', 'all-minilm', '--repetition-threshold', '0.95')).toMatchObject({
      ok: true,
      command: { stopOn: { repetition: { threshold: 0.95, embedModel: 'all-minilm' } } },
    });
  });

  it('refuses --embed-model without repetition, or without a model name', () => {
    expect(usage('--embed-model', 'nomic-embed-text')).toBe('--embed-model needs --stop-on repetition');
    expect(usage('--stop-on', 'consensus', '--judge', 'j', '--embed-model', 'nomic-embed-text')).toBe('--embed-model needs --stop-on repetition');
    expect(usage('--stop-on', 'repetition', '--embed-model', ' ')).toContain('--embed-model needs a model name');
    expect(usage('--stop-on', 'repetition', '--embed-model', 'e', '--repetition-threshold', '2')).toContain('a share from 0 to 1 (e.g. 0.92)');
  });

  it('takes --closing', () => {
    expect(debate('--closing')).toMatchObject({ ok: true, command: { closingStatements: true } });
    expect(usage('--closing=yes')).toContain("'--closing' does not take an argument");
  });

  it('documents each new option and its threshold defaults in the help', () => {
    for (const words of ['--moderator MODEL[@HOST]', 'simultaneous', 'consensus', '--embed-model MODEL', '--closing', '(default 0.6)', '(default 0.92)']) {
      expect(USAGE).toContain(words);
    }
    // Every turn order the engine knows is described in its own line.
    for (const kind of TURN_ORDERS) expect(USAGE).toMatch(new RegExp(`^ {28}${kind} +\\S`, 'm'));
  });
});

describe('--language, --context-window, --speakers-file, --persona-file and speaker settings', () => {
  it('takes a language, cleaned to one line, and refuses an empty or overlong one', () => {
    expect(debate('--language', ' French ')).toMatchObject({ ok: true, command: { language: 'French' } });
    expect(debate('--language', 'Portugu\u00eas\u001b[2J (Brasil)')).toMatchObject({ ok: true, command: { language: 'Português[2J (Brasil)' } });
    expect(debate()).toMatchObject({ ok: true, command: { language: undefined } });
    expect(usage('--language', '  ')).toBe('--language is empty: name a language, like French.');
    expect(usage('--language', 'x'.repeat(41))).toBe('--language is longer than 40 characters: a language is a name, like "Simplified Chinese".');
  });

  it('takes a context window from 512 to 1,048,576 tokens on debate, continue and branch', () => {
    expect(debate('--context-window', '16384')).toMatchObject({ ok: true, command: { contextWindow: 16384 } });
    expect(parseCommandLine(['continue', 'a', '--context-window', '4096'])).toMatchObject({ ok: true, command: { contextWindow: 4096 } });
    expect(parseCommandLine(['branch', 'a', '--at', '1', '--context-window', '512'])).toMatchObject({ ok: true, command: { contextWindow: 512 } });
    expect(usage('--context-window', '511')).toBe('--context-window takes a whole number from 512 to 1048576, not 511');
    expect(usage('--context-window', '2000000')).toBe('--context-window takes a whole number from 512 to 1048576, not 2000000');
    expect(usage('--context-window', '8k')).toBe('--context-window takes a whole number, not "8k"');
  });

  it('takes --speakers-file instead of --speaker, never both', () => {
    expect(parseCommandLine(['debate', '--topic', 't', '--speakers-file', 's.json'])).toMatchObject({ ok: true, command: { speakers: [], speakersFile: 's.json' } });
    expect(usage('--speakers-file', 's.json')).toBe('give the speakers either as --speaker options or in --speakers-file, not both');
    expect(parseCommandLine(['debate', '--topic', 't', '--speakers-file', ' '])).toEqual({ ok: false, message: '--speakers-file needs a JSON file' });
  });

  it('takes --persona-file on debate and branch', () => {
    expect(debate('--persona-file', 'p.json')).toMatchObject({ ok: true, command: { personaFile: 'p.json' } });
    expect(parseCommandLine(['branch', 'a', '--at', '1', '--persona-file', 'p.json'])).toMatchObject({ ok: true, command: { personaFile: 'p.json' } });
  });

  it('checks a --speaker value\'s settings before anything runs', () => {
    expect(parseCommandLine(['debate', '--topic', 't', '--speaker', 'm:Cynic,stance=for,role=an economist, retired'])).toMatchObject({ ok: true });
    const problems: [string, string][] = [
      ['m,stance=maybe', '--speaker stance= is for, against, devils-advocate, neutral, not "maybe"'],
      ['m,temperature=3', '--speaker temperature= is a number from 0 to 2, not "3"'],
      ['m,temperature=hot', '--speaker temperature= is a number from 0 to 2, not "hot"'],
      ['m,context-window=100', '--speaker context-window= is a whole number of tokens from 512 to 1,048,576, not "100"'],
      ['m,name=', '--speaker name= is empty: give the speaker a name, like Ada'],
      ['m,colour=red', '--speaker: unknown setting "colour" (a speaker takes name=, stance=, role=, temperature=, context-window=)'],
      [',stance=for', '--speaker needs a model name, e.g. llama3.2:1b:Cynic (got ",stance=for")'],
    ];
    for (const [value, message] of problems) expect(usage('--speaker', value)).toBe(message);
  });

  it('documents every new option in the help', () => {
    for (const option of ['--language NAME', '--context-window N', '--speakers-file FILE.json', '--persona-file FILE.json', 'stance=for', 'role=an economist', 'temperature=0.7', 'context-window=16384', 'name=Ada']) {
      expect(USAGE).toContain(option);
    }
  });
});
