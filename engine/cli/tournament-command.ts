// `talking-models tournament`: every pairing of the models on every topic, twice with the
// speaking order swapped, judged, spread over the Ollama hosts; each debate saved in the
// library, the progress on stderr, the leaderboard on stdout and the results in --out. The
// tournament's id comes from its inputs, so the same command again resumes it.
import { readFileSync } from 'node:fs';
import { BUILT_IN_TONES, findTone } from '../tones';
import { listModels } from '../ollama-api';
import { buildLeaderboard, judgedDebatesIn, leaderboardMarkdown } from '../leaderboard';
import { unservableMatches, unservableMessage, type HostInventory } from '../tournament/host-fit';
import { isJudged, matchDebates, type MatchDebate } from '../tournament/match-records';
import { librarySessions, runTournamentMatch, type MatchOutcome } from '../tournament/match-runner';
import { planTournament, type TournamentInputs, type TournamentPlan } from '../tournament/plan';
import { resultsMarkdown, type MatchStanding } from '../tournament/results-markdown';
import { runSchedule, type ScheduleResult, type SchedulerEvent } from '../tournament/scheduler';
import { readInputFile } from './input-file';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, stoppedBy, stoppedExitCode, type CliIo } from './io';
import { createWarner, openLibrary, type Library } from './library-access';
import { ensureLibraryFolder, libraryFolder } from './library-folder';
import { hostOption, ollamaFailureMessage } from './ollama-access';
import { checkOutFile, writeOutFile } from './out-file';
import { oneLine } from './render';
import { createProgressPrinter, type ProgressPrinter } from './tournament-progress';
import { queueHosts, queuedSchedule, queueWhere } from './queue-tournament';
import { topicsFromFile, type TournamentCommand } from './tournament-args';

/** How long a host gets to list its models at the start. */
const MODEL_LIST_WAIT_MS = 5000;

/** The inputs the plan is made from: topics from the file added, the tone as the tones list spells it. */
async function tournamentInputs(command: TournamentCommand): Promise<TournamentInputs> {
  const fileTopics = command.topicsFile === undefined ? [] : topicsFromFile(await readInputFile(command.topicsFile, 'topics file'));
  const tone = command.tone === undefined ? undefined : findTone(command.tone);
  if (command.tone !== undefined && tone === undefined) {
    throw new CliError(`--tone ${command.tone}: no such tone; the tones are ${BUILT_IN_TONES.map((known) => known.name).join(', ')}`, EXIT_USAGE);
  }
  return {
    models: command.models,
    topics: [...command.topics, ...fileTopics],
    judge: command.judge,
    exchanges: command.exchanges,
    ...(tone !== undefined && { tone: tone.name }),
  };
}

/** The hosts that answer, with their models; a host that does not is warned about and gets no debate. */
async function hostInventories(hosts: readonly string[], io: CliIo, warn: (message: string) => void): Promise<HostInventory[]> {
  const listed = await Promise.all(
    hosts.map(async (url): Promise<HostInventory | null> => {
      try {
        const models = await listModels(url, AbortSignal.any([io.signal, AbortSignal.timeout(MODEL_LIST_WAIT_MS)]));
        return { url, models: models.map((model) => model.name) };
      } catch (error) {
        if (!io.signal.aborted) warn(`${url} gets no debates: ${ollamaFailureMessage(error, url)}`);
        return null;
      }
    }),
  );
  const answering = listed.filter((host): host is HostInventory => host !== null);
  if (answering.length === 0 && !io.signal.aborted) throw new CliError(`no Ollama host answers (${hosts.join(', ')}); start Ollama or check --host`);
  return answering;
}

function openTournamentLibrary(command: TournamentCommand, io: CliIo): Library {
  const folder = libraryFolder(command.library, io);
  const problem = ensureLibraryFolder(folder);
  // A tournament is only worth its saved debates: no library, no tournament.
  if (problem !== null) throw new CliError(`the library folder ${folder} can't be written (${problem})`);
  return openLibrary(command.library, io, createWarner(io));
}

/** An --out file written by an earlier run of this same tournament: replaced on a rerun without --force. */
function isOwnResults(path: string, plan: TournamentPlan): boolean {
  try {
    return readFileSync(path, 'utf8').startsWith(`# Tournament ${plan.id}\n`);
  } catch {
    return false;
  }
}

function progressOf(printer: ProgressPrinter): (event: SchedulerEvent) => void {
  return (event) => {
    if (event.type === 'match-start') printer.started({ key: event.match.key, host: event.host });
    if (event.type === 'match-end') {
      const { outcome } = event;
      printer.ended(event.match.key, outcome.kind === 'judged' ? 'judged' : outcome.kind === 'debate-failed' ? 'failed' : null);
      if (outcome.kind === 'debate-failed') printer.note(`${event.match.key} failed on ${event.host}: ${outcome.message}`);
    }
    if (event.type === 'host-down') printer.note(`${event.host} failed (${event.reason}); its debates move to the other hosts`);
  };
}

/** How each match stands: judged per the library, else how this run left it. */
function standingsOf(plan: TournamentPlan, debates: ReadonlyMap<string, MatchDebate>, outcomes: ReadonlyMap<string, MatchOutcome>): Map<string, MatchStanding> {
  const standings = new Map<string, MatchStanding>();
  for (const match of plan.matches) {
    const debate = debates.get(match.key);
    const outcome = outcomes.get(match.key);
    if (debate !== undefined && isJudged(debate)) {
      const winner = debate.winner === 0 || debate.winner === 1 ? debate.winner : null;
      standings.set(match.key, { status: 'judged', debateId: debate.debateId, winner });
    } else if (outcome?.kind === 'debate-failed') {
      standings.set(match.key, { status: 'failed', debateId: outcome.debateId, reason: outcome.message });
    } else {
      standings.set(match.key, { status: 'not run', debateId: debate?.debateId ?? null });
    }
  }
  return standings;
}

/** The leaderboard table of this tournament's judged debates only. */
async function tournamentTable(library: Library, judgedIds: ReadonlySet<string>): Promise<string> {
  const sessions = librarySessions(library.store);
  const entries = library.store.library.list().filter((entry) => judgedIds.has(entry.id));
  const debates = await judgedDebatesIn(entries, async (id) => (await sessions.transcript(id)).turns);
  return leaderboardMarkdown(buildLeaderboard(debates));
}

/** The last word on stderr and the exit code. */
function ending(result: ScheduleResult, standings: ReadonlyMap<string, MatchStanding>, plan: TournamentPlan, io: CliIo): number {
  const judged = [...standings.values()].filter((standing) => standing.status === 'judged').length;
  const failed = [...standings.values()].filter((standing) => standing.status === 'failed').length;
  const said = (message: string): void => io.stderr(`talking-models: ${oneLine(message)}\n`);
  if (io.signal.aborted) {
    said(`${stoppedBy(io.signal)} with ${judged} of ${plan.matches.length} debates judged; run the same command again to resume`);
    return stoppedExitCode(io.signal);
  }
  if (result.noHostLeft) {
    said(`every host failed (${result.hostsDown.map((down) => `${down.host}: ${down.reason}`).join('; ')}); ${judged} of ${plan.matches.length} debates judged; run the same command again to resume`);
    return EXIT_FAILURE;
  }
  if (result.unrun.length > 0) {
    said(`${result.unrun.length} debates could not run: the hosts that have their models failed; run the same command again to resume`);
    return EXIT_FAILURE;
  }
  if (failed > 0) {
    said(`${failed} of ${plan.matches.length} debates failed; run the same command again to retry them`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}

export async function runTournamentCommand(command: TournamentCommand, io: CliIo): Promise<number> {
  let plan: TournamentPlan;
  try {
    plan = planTournament(await tournamentInputs(command));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(error instanceof Error ? error.message : String(error), EXIT_USAGE);
  }
  const hosts = [...new Set((command.hosts.length > 0 ? command.hosts : [undefined]).map((host) => hostOption(host, io.env)))];
  // The results of an earlier run of this tournament are replaced without --force: the same command resumes it.
  const replaceOut = command.out !== undefined && (command.force || isOwnResults(command.out, plan));
  if (command.out !== undefined) checkOutFile(command.out, replaceOut);
  const library = openTournamentLibrary(command, io);
  const warn = createWarner(io);
  // With --queue the debates run on the queue's workers, which each take only what their Ollama has.
  const inventories = command.queue === undefined ? await hostInventories(hosts, io, warn) : await queueHosts(command.queue);
  // Stopped while the hosts were asked: nothing ran, so there is nothing to report.
  if (io.signal.aborted) return stoppedExitCode(io.signal);

  const before = matchDebates(library.store.library.list(), plan.id);
  const toRun = plan.matches.filter((match) => {
    const debate = before.get(match.key);
    return debate === undefined || !isJudged(debate);
  });
  const unservable = unservableMatches(toRun, plan.inputs.judge, inventories);
  if (unservable.length > 0 && command.queue === undefined) throw new CliError(`${unservableMessage(unservable)}; pull them there (ollama pull MODEL) or add a --host that has them`);

  const done = plan.matches.length - toRun.length;
  io.stderr(`${oneLine(`Tournament ${plan.id}: ${plan.matches.length} debates (${done} already judged) ${command.queue === undefined ? `on ${inventories.length} host${inventories.length === 1 ? '' : 's'}, ${command.concurrency} at a time each` : queueWhere(command.queue)}`)}\n`);
  const printer = createProgressPrinter(io, { total: plan.matches.length, done });
  let result: ScheduleResult;
  try {
    result = await (command.queue === undefined ? runSchedule : queuedSchedule(command.queue, plan, library.store))({
      matches: toRun,
      judge: plan.inputs.judge,
      hosts: inventories,
      concurrency: command.concurrency,
      signal: io.signal,
      runMatch: (match, host, signal) => runTournamentMatch({ plan, match, host, library: library.store, signal }),
      onEvent: progressOf(printer),
    });
  } finally {
    printer.close();
  }

  const after = matchDebates(library.store.library.list(), plan.id);
  const standings = standingsOf(plan, after, result.outcomes);
  const judgedIds = new Set([...standings.values()].flatMap((standing) => (standing.status === 'judged' ? [standing.debateId] : [])));
  const table = await tournamentTable(library, judgedIds);
  io.stdout(table);
  if (command.out !== undefined) {
    try {
      writeOutFile(command.out, resultsMarkdown({ plan, hosts, leaderboardTable: table, standings }), replaceOut);
      io.stdout(`Results written to ${oneLine(command.out)}\n`);
    } catch (error) {
      warn(error instanceof Error ? error.message : String(error));
    }
  }
  return ending(result, standings, plan, io);
}
