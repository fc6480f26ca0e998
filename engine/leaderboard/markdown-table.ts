// The leaderboard as a markdown table, one row per model (a tournament's results.md). Model
// names come from people and servers: each is one line with markdown escaped (a `|` can't add
// a column, a newline can't end the table, HTML stays text), as in the transcript export.
import { inline } from '../markdown';
import { firstTokenCell, intervalCell, ratingCell, recordCell, tokensPerSecondCell } from './cells';
import type { Leaderboard } from './leaderboard';

const HEADER = ['Rank', 'Model', 'Rating', '95% CI', 'W-L-T', 'Median TTFT', 'tok/s'];
const ALIGN = ['---:', ':---', '---:', ':---:', ':---:', '---:', '---:'];

function tableLine(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Pure: the table (header, rule, a row per model), or a sentence when no debate was judged. */
export function leaderboardMarkdown(leaderboard: Leaderboard): string {
  if (leaderboard.models.length === 0) return '_No judged debates yet._\n';
  const rows = leaderboard.models.map((row) =>
    tableLine([
      String(row.rank),
      inline(row.model),
      ratingCell(row.rating),
      intervalCell(row.interval),
      recordCell(row),
      firstTokenCell(row.speed?.medianTimeToFirstTokenMs),
      tokensPerSecondCell(row.speed?.medianTokensPerSecond),
    ]),
  );
  return `${[tableLine(HEADER), tableLine(ALIGN), ...rows].join('\n')}\n`;
}
