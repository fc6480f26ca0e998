import { describe, expect, it } from 'vitest';
import { DEFAULT_EXCHANGES, parseCommandLine } from '../../engine/cli/args';

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
      },
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
    for (const argv of [[], ['--help'], ['-h'], ['help'], ['debate', '--help'], ['models', '-h'], ['tones', '--help']]) {
      expect(parseCommandLine(argv)).toEqual({ ok: true, command: { kind: 'help' } });
    }
    expect(parseCommandLine(['--version'])).toEqual({ ok: true, command: { kind: 'version' } });
    expect(parseCommandLine(['-V'])).toEqual({ ok: true, command: { kind: 'version' } });
  });

  it('parses models and tones', () => {
    expect(parseCommandLine(['models', '--host', 'h:1'])).toEqual({ ok: true, command: { kind: 'models', host: 'h:1' } });
    expect(parseCommandLine(['tones'])).toEqual({ ok: true, command: { kind: 'tones', toneFile: undefined, noColor: false } });
  });

  it.each([
    [['debate', '--speaker', 'm'], 'debate needs --topic TEXT'],
    [['debate', '--topic', '  ', '--speaker', 'm'], 'debate needs --topic TEXT'],
    [['debate', '--topic', 't'], 'debate needs 1 to 6 --speaker options (got 0)'],
    [['debate', '--topic', 't', ...Array.from({ length: 7 }, () => ['--speaker', 'm']).flat()], 'debate needs 1 to 6 --speaker options (got 7)'],
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
  ])('rejects %j with a short reason', (argv, reason) => {
    const result = parseCommandLine(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain(reason);
      expect(result.message).not.toContain('\n');
    }
  });
});
