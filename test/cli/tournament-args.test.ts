// `talking-models tournament`'s arguments (pure), the topics file's reading, and the progress
// printer: redrawn in place on a terminal, a line per change otherwise, never a control character.
import { describe, expect, it } from 'vitest';
import { parseCommandLine, USAGE } from '../../engine/cli/args';
import { topicsFromFile } from '../../engine/cli/tournament-args';
import { createProgressPrinter } from '../../engine/cli/tournament-progress';

/** The parsed tournament command, or what the parser said was wrong. */
function parse(argv: string[]): unknown {
  const result = parseCommandLine(argv);
  return result.ok ? result.command : { problem: result.message };
}

const BASE = ['tournament', '--model', 'm1', '--model', 'm2', '--topic', 'Tea?', '--judge', 'j'];

describe('tournament arguments', () => {
  it('reads every option', () => {
    expect(
      parse([...BASE, '--model', 'm3', '--topic', 'Cats?', '--topics-file', 'topics.txt', '--exchanges', '2', '--tone', 'cynic', '--host', 'http://a:11434', '--host', 'http://b:11434', '--concurrency', '3', '--out', 'r.md', '--force', '--library', '/lib']),
    ).toEqual({
      kind: 'tournament', models: ['m1', 'm2', 'm3'], topics: ['Tea?', 'Cats?'], topicsFile: 'topics.txt', judge: 'j', exchanges: 2, tone: 'cynic',
      hosts: ['http://a:11434', 'http://b:11434'], concurrency: 3, out: 'r.md', force: true, library: '/lib',
    });
  });

  it('defaults to 3 exchanges, one debate per host at a time, the default host and tone', () => {
    expect(parse(BASE)).toMatchObject({ exchanges: 3, concurrency: 1, hosts: [], tone: undefined, out: undefined, force: false, topicsFile: undefined });
    expect(parse(['tournament', '--model', 'm1', '--model', 'm2', '--topics-file', 't.txt', '--judge', 'j'])).toMatchObject({ topics: [], topicsFile: 't.txt' });
  });

  it.each([
    [['tournament', '--model', 'm1', '--topic', 'Tea?', '--judge', 'j'], /at least two different --model/],
    [['tournament', '--model', 'm1', '--model', ' m1 ', '--topic', 'Tea?', '--judge', 'j'], /at least two different --model/],
    [['tournament', '--model', 'm1', '--model', 'm2', '--judge', 'j'], /--topic TEXT or --topics-file FILE/],
    [['tournament', '--model', 'm1', '--model', 'm2', '--topic', 'Tea?'], /needs --judge MODEL/],
    [[...BASE, '--judge=-x'], /--judge needs a model name/],
    [[...BASE, '--model= '], /--model needs a model name/],
    [[...BASE, '--topic', ' '], /--topic needs a text/],
    [[...BASE, '--concurrency', '0'], /--concurrency takes a whole number from 1 to 16/],
    [[...BASE, '--concurrency', 'two'], /--concurrency takes a whole number/],
    [[...BASE, '--exchanges', '21'], /--exchanges takes a whole number from 1 to 20/],
    [[...BASE, '--host', ''], /--host needs a URL/],
    [[...BASE, '--tone', ''], /--tone needs a tone name/],
    [[...BASE, '--speaker', 'm1'], /Unknown option '--speaker'/],
  ])('refuses %j', (argv, message) => {
    expect(parse(argv)).toEqual({ problem: expect.stringMatching(message) });
  });

  it('is in the help', () => {
    expect(USAGE).toContain('  tournament          Every pair of models debates every topic, judged: a leaderboard');
    expect(USAGE).toContain('  --concurrency N         Debates each host runs at once');
    expect(parse(['tournament', '--help'])).toEqual({ kind: 'help' });
  });

  it('reads a topics file: a topic per line, blank lines and # comments skipped', () => {
    expect(topicsFromFile('# my topics\r\nTea or coffee?\n\n  Cats or dogs?  \n#skip\n')).toEqual(['Tea or coffee?', 'Cats or dogs?']);
  });
});

describe('the progress printer', () => {
  function capture(columns?: number) {
    let text = '';
    let now = 0;
    const printer = createProgressPrinter({ stderr: (chunk) => (text += chunk), ...(columns !== undefined && { stderrColumns: columns }) }, { total: 4, done: 1 }, () => now);
    return { printer, text: () => text, advance: (ms: number) => (now += ms) };
  }

  it('prints a line per change when stderr is not a terminal, and notes on their own lines', () => {
    const { printer, text, advance } = capture();
    printer.started({ key: 't01-a-vs-b-a', host: 'http://h1:11434' });
    advance(30_000);
    printer.ended('t01-a-vs-b-a', 'judged');
    printer.note('http://h1:11434 failed (connection\u001b[2J refused)\nnext');
    printer.ended('t02-a-vs-b-a', null);
    printer.close();
    expect(text().split('\n')).toEqual([
      '1/4 done, running: none, ETA --:--',
      '1/4 done, running: t01-a-vs-b-a on h1:11434, ETA --:--',
      '2/4 done, running: none, ETA 01:00',
      'talking-models: http://h1:11434 failed (connection[2J refused) next',
      '',
    ]);
  });

  it('redraws one line in place on a terminal, cut to its width', () => {
    const { printer, text } = capture(40);
    printer.started({ key: 't01-a-very-long-model-name-vs-another-a', host: 'http://h1:11434' });
    printer.note('host down');
    printer.close();
    const frames = text().split('\r').filter((frame) => frame !== '');
    expect(frames[0]).toBe('1/4 done, running: none, ETA --:--\u001b[K');
    expect(frames[1]).toBe('1/4 done, running: t01-a-very-long-mode\u001b[K');
    expect(frames[2]).toBe('\u001b[Ktalking-models: host down\n');
    expect(text().endsWith('\u001b[K\n')).toBe(true);
    expect(text().split('\n')).toHaveLength(3);
  });
});
