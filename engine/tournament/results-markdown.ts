// A tournament's results as markdown (the --out file): its inputs, the leaderboard table of its
// own debates, and every match with its winner and debate id. Pure. Topics and model names come
// from people and servers: each goes in as one line with markdown escaped.
import { inline } from '../markdown';
import type { TournamentMatch, TournamentPlan } from './plan';

/** How one match stands at the end of a run. */
export type MatchStanding =
  | { status: 'judged'; debateId: string; winner: 0 | 1 | null }
  | { status: 'failed'; debateId: string | null; reason: string }
  | { status: 'not run'; debateId: string | null };

export interface TournamentResults {
  plan: TournamentPlan;
  hosts: readonly string[];
  /** The leaderboard table (engine/leaderboard's leaderboardMarkdown) of this tournament's debates. */
  leaderboardTable: string;
  standings: ReadonlyMap<string, MatchStanding>;
}

function matchLine(match: TournamentMatch, standing: MatchStanding | undefined): string {
  const [first, second] = match.models.map(inline) as [string, string];
  const pairing = `${first} vs ${second}`;
  const debate = standing?.debateId == null ? '' : `, debate \`${standing.debateId}\``;
  if (standing === undefined || standing.status === 'not run') return `- \`${match.key}\`: ${pairing}: not run yet${debate}`;
  if (standing.status === 'failed') return `- \`${match.key}\`: ${pairing}: failed (${inline(standing.reason)})${debate}`;
  const result = standing.winner === null ? 'tie' : `**${standing.winner === 0 ? first : second}** won`;
  return `- \`${match.key}\`: ${pairing}: ${result}${debate}`;
}

/** Pure: the results file's text. */
export function resultsMarkdown(results: TournamentResults): string {
  const { plan, standings } = results;
  const { inputs } = plan;
  const judged = [...standings.values()].filter((standing) => standing.status === 'judged').length;
  const lines = [
    `# Tournament ${plan.id}`,
    '',
    `- Models: ${inputs.models.map(inline).join(', ')}`,
    `- Topics: ${inputs.topics.length}`,
    `- Judge: ${inline(inputs.judge)}`,
    `- Exchanges: ${inputs.exchanges}`,
    `- Tone: ${inline(inputs.tone)}`,
    `- Hosts: ${results.hosts.map(inline).join(', ')}`,
    `- Matches judged: ${judged} of ${plan.matches.length}`,
    '',
    '## Leaderboard',
    '',
    results.leaderboardTable.trimEnd(),
    '',
    '## Matches',
  ];
  inputs.topics.forEach((topic, topicIndex) => {
    lines.push('', `### ${topicIndex + 1}. ${inline(topic)}`, '');
    for (const match of plan.matches.filter((candidate) => candidate.topicIndex === topicIndex)) lines.push(matchLine(match, standings.get(match.key)));
  });
  return `${lines.join('\n')}\n`;
}
