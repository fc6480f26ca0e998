// The results file (pure): inputs, the leaderboard table as given, every match with its winner and debate.
import { describe, expect, it } from 'vitest';
import { planTournament } from '../../engine/tournament/plan';
import { resultsMarkdown, type MatchStanding } from '../../engine/tournament/results-markdown';

const plan = planTournament({ models: ['m1', 'evil|<b>model'], topics: ['Tea?', '# Heading\nand *more*'], judge: 'judge', exchanges: 2 });
const [first, second, third, fourth] = plan.matches;

describe('resultsMarkdown', () => {
  const standings = new Map<string, MatchStanding>([
    [first!.key, { status: 'judged', debateId: '20261201-100000-aaaaaa', winner: 0 }],
    [second!.key, { status: 'judged', debateId: '20261201-100001-bbbbbb', winner: null }],
    [third!.key, { status: 'failed', debateId: '20261201-100002-cccccc', reason: 'model "m1" not found\u001b[31m' }],
  ]);
  const text = resultsMarkdown({ plan, hosts: ['http://a:11434', 'http://b:11434'], leaderboardTable: '| Rank | Model |\n| ---: | :--- |\n| 1 | m1 |\n', standings });

  it('starts with the tournament id and its inputs, then the given table', () => {
    expect(text.startsWith(`# Tournament ${plan.id}\n\n- Models: evil\\|\\<b\\>model, m1\n- Topics: 2\n- Judge: judge\n- Exchanges: 2\n- Tone: Rational\n- Hosts: http://a:11434, http://b:11434\n- Matches judged: 2 of 4\n`)).toBe(true);
    expect(text).toContain('## Leaderboard\n\n| Rank | Model |\n| ---: | :--- |\n| 1 | m1 |\n\n## Matches');
  });

  it('lists every match under its topic with its winner, a tie, a failure or nothing yet, names escaped', () => {
    const evil = 'evil\\|\\<b\\>model';
    expect(text).toContain(
      [
        '### 1. Tea?',
        '',
        `- \`${first!.key}\`: ${evil} vs m1: **${evil}** won, debate \`20261201-100000-aaaaaa\``,
        `- \`${second!.key}\`: m1 vs ${evil}: tie, debate \`20261201-100001-bbbbbb\``,
        '',
        '### 2. \\# Heading and \\*more\\*',
        '',
        `- \`${third!.key}\`: ${evil} vs m1: failed (model "m1" not found\\[31m), debate \`20261201-100002-cccccc\``,
        `- \`${fourth!.key}\`: m1 vs ${evil}: not run yet`,
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('\u001b');
  });
});
