// `talking-models leaderboard [--json]`: the models ranked by the library's judged debates
// (engine/leaderboard), as terminal tables or as JSON (leaderboard-json.ts says its format).
import { buildLeaderboard, judgedDebatesIn, leaderboardJson, type Leaderboard, type LeaderboardRow } from '../leaderboard';
import { firstTokenCell, intervalCell, ratingCell, recordCell, tokensPerSecondCell } from '../leaderboard/cells';
import { DebateSessions } from '../session';
import type { LeaderboardCommand } from './args';
import { colorEnabled, createStyle, type Style } from './color';
import { CliError, EXIT_OK, type CliIo } from './io';
import { createWarner, openLibrary } from './library-access';
import { alignColumns, jsonForTerminal, oneLine } from './render';

function rankedTable(rows: readonly LeaderboardRow[], withTone: boolean): string {
  const header = ['RANK', 'MODEL', ...(withTone ? ['TONE'] : []), 'RATING', '95% CI', 'W-L-T', 'DEBATES', 'MEDIAN TTFT', 'TOK/S'];
  return alignColumns([
    header,
    ...rows.map((row) => [
      String(row.rank),
      oneLine(row.model),
      ...(withTone ? [oneLine(row.tone ?? '')] : []),
      ratingCell(row.rating),
      intervalCell(row.interval),
      recordCell(row),
      String(row.debates),
      firstTokenCell(row.speed?.medianTimeToFirstTokenMs),
      tokensPerSecondCell(row.speed?.medianTokensPerSecond),
    ]),
  ]);
}

function speedTable(leaderboard: Leaderboard): string {
  return alignColumns([
    ['MODEL', 'HOST', 'TURNS', 'MEDIAN TTFT', 'TOK/S'],
    ...leaderboard.speed.map((row) => [oneLine(row.model), oneLine(row.host), String(row.turns), firstTokenCell(row.medianTimeToFirstTokenMs), tokensPerSecondCell(row.medianTokensPerSecond)]),
  ]);
}

/** Pure: the three tables with their headings, every name from the library made safe for a terminal. */
export function leaderboardText(leaderboard: Leaderboard, style: Style): string {
  const counted = `${leaderboard.judgedDebates} judged debate${leaderboard.judgedDebates === 1 ? '' : 's'}`;
  const method = `Bradley-Terry ratings on the Elo scale (mean 1500), 95% intervals from ${leaderboard.resamples} bootstrap resamples`;
  return [
    style.dim(`${counted}; ${method}.`),
    '',
    style.bold('Models'),
    rankedTable(leaderboard.models, false),
    '',
    style.bold('Model + tone'),
    rankedTable(leaderboard.modelTones, true),
    '',
    style.bold('Speed per host'),
    leaderboard.speed.length === 0 ? style.dim('No turn was timed.') : speedTable(leaderboard),
  ].join('\n');
}

export async function runLeaderboardCommand(command: LeaderboardCommand, io: CliIo): Promise<number> {
  const library = openLibrary(command.library, io, createWarner(io));
  const sessions = new DebateSessions(library.store);
  let leaderboard: Leaderboard;
  try {
    const debates = await judgedDebatesIn(library.store.library.list(), async (id) => (await sessions.transcript(id)).turns);
    leaderboard = buildLeaderboard(debates);
  } catch (error) {
    throw new CliError(`cannot read the debates in ${library.folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (command.json) {
    io.stdout(`${jsonForTerminal(JSON.stringify(leaderboardJson(leaderboard), null, 2))}\n`);
  } else if (leaderboard.judgedDebates === 0) {
    io.stdout(`No judged debates in ${oneLine(library.folder)} yet. Judge one with: ${library.command('judge ID --judge MODEL')}\n`);
  } else {
    io.stdout(`${leaderboardText(leaderboard, createStyle(colorEnabled({ noColorFlag: command.noColor, env: io.env, isTTY: io.stdoutIsTTY })))}\n`);
  }
  return EXIT_OK;
}
