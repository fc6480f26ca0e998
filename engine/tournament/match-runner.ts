// One tournament match on one Ollama host: the debate (started, or resumed when an earlier
// run left it unfinished), judged by the tournament's judge, its verdict saved with it. The
// outcome tells a host that failed (the match can move to another host) from a debate that
// failed (a model's error: another host would fail the same way).
import { listModels } from '../ollama-api';
import { judgeInputOf } from '../judge/blind-debate';
import { judgeDebate } from '../judge/judge';
import type { LibraryStore } from '../library/library-store';
import { DebateSessions, type DebateRun } from '../session';
import type { DebateConfig, DebateError, DebateEvent, Transcript } from '../types';
import { isJudged, matchDebates, type MatchDebate } from './match-records';
import type { TournamentMatch, TournamentPlan } from './plan';

export interface MatchRequest {
  plan: TournamentPlan;
  match: TournamentMatch;
  /** The Ollama host that runs the speakers and the judge. */
  host: string;
  library: LibraryStore;
  signal: AbortSignal;
  /** Every event of the debate's run, as it happens. */
  onEvent?: (event: DebateEvent) => void;
}

export type MatchOutcome =
  | {
      kind: 'judged';
      debateId: string;
      /** The verdict's winner as a speaker index (speaking order); null for a tie. */
      verdictWinner: 0 | 1 | null;
      /** Whether the match was already finished in the library (nothing ran). */
      alreadyDone: boolean;
    }
  /** The host could not be reached or dropped the connection: the match can run on another host. */
  | { kind: 'host-failed'; debateId: string | null; message: string }
  /** A model's error, a refused request, a judge without a verdict: moving hosts would not help. */
  | { kind: 'debate-failed'; debateId: string | null; message: string }
  /** The signal was aborted; the debate is kept as far as it went and resumes on a rerun. */
  | { kind: 'stopped'; debateId: string | null };

/** Error kinds that are the host's fault rather than the model's. */
const HOST_ERROR_KINDS: ReadonlySet<DebateError['kind']> = new Set(['unreachable', 'stream-dropped']);

/** How long a host that gave no verdict gets to show it is still there. */
const HOST_PROBE_MS = 3000;

export function isHostError(error: DebateError): boolean {
  return HOST_ERROR_KINDS.has(error.kind);
}

/** Pure: the debate a match runs: its two models in speaking order, the tournament's tone, judge and tag. */
export function matchDebateConfig(plan: TournamentPlan, match: TournamentMatch, host: string): DebateConfig {
  const { tone, judge, exchanges } = plan.inputs;
  return {
    topic: match.topic,
    exchanges,
    host,
    speakers: match.models.map((model, index) => ({ name: `Speaker ${index + 1}`, model, tone })),
    judge: { model: judge },
    tournament: { id: plan.id, match: match.key },
  };
}

/** One session manager per library, so runs in this process share their token calibrations and warnings. */
const sessionsByLibrary = new WeakMap<LibraryStore, DebateSessions>();

export function librarySessions(library: LibraryStore): DebateSessions {
  let sessions = sessionsByLibrary.get(library);
  if (sessions === undefined) {
    sessions = new DebateSessions(library);
    sessionsByLibrary.set(library, sessions);
  }
  return sessions;
}

function judgedOutcome(debateId: string, winner: number | null, alreadyDone: boolean): MatchOutcome {
  return { kind: 'judged', debateId, verdictWinner: winner === 0 || winner === 1 ? winner : null, alreadyDone };
}

/** Whether the host still answers; a host that does not is why a judge or a turn failed. */
async function hostAnswers(host: string, signal: AbortSignal): Promise<boolean> {
  try {
    await listModels(host, AbortSignal.any([signal, AbortSignal.timeout(HOST_PROBE_MS)]));
    return true;
  } catch {
    return false;
  }
}

/** A failure as the outcome names it: the host's when it no longer answers. */
async function failure(host: string, debateId: string | null, message: string, signal: AbortSignal, hostFault: boolean): Promise<MatchOutcome> {
  if (signal.aborted) return { kind: 'stopped', debateId };
  if (hostFault || !(await hostAnswers(host, signal))) return { kind: 'host-failed', debateId, message };
  return { kind: 'debate-failed', debateId, message };
}

export async function runTournamentMatch(request: MatchRequest): Promise<MatchOutcome> {
  const { plan, match, library, signal } = request;
  if (signal.aborted) return { kind: 'stopped', debateId: null };
  const existing = matchDebates(library.library.list(), plan.id).get(match.key);
  if (existing !== undefined && isJudged(existing)) return judgedOutcome(existing.debateId, existing.winner ?? null, true);
  const sessions = librarySessions(library);
  if (existing === undefined) return follow(request, sessions.start(matchDebateConfig(plan, match, request.host), { signal }));
  return resume(request, sessions, existing);
}

/** An unfinished match's debate: judged when only the verdict is missing, else continued where it stopped. */
async function resume(request: MatchRequest, sessions: DebateSessions, existing: MatchDebate): Promise<MatchOutcome> {
  const { host, signal } = request;
  const id = existing.debateId;
  await sessions.recoverIfCutOff(id);
  let transcript: Transcript;
  try {
    transcript = await sessions.transcript(id);
  } catch (error) {
    return { kind: 'debate-failed', debateId: id, message: `debate ${id} can't be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (transcript.outcome === 'complete') return judgeSaved(request, sessions, transcript);
  return follow(request, sessions.continue(id, undefined, { signal, settings: { host } }));
}

/** Judges a debate that ended without a verdict (its judge failed, or the run was killed while judging). */
async function judgeSaved(request: MatchRequest, sessions: DebateSessions, transcript: Transcript): Promise<MatchOutcome> {
  const { host, signal, plan } = request;
  const record = sessions.store.read(transcript.id);
  const prompts = record?.speakers.map((speaker) => speaker.tonePrompt) ?? [];
  request.onEvent?.({ type: 'judge-start', model: plan.inputs.judge });
  const result = await judgeDebate(judgeInputOf(transcript, prompts), {
    judgeModel: plan.inputs.judge,
    host,
    speakerHosts: transcript.speakers.map(() => host),
    signal,
  });
  if (!result.ok) return failure(host, transcript.id, `no verdict from ${plan.inputs.judge}: ${result.reason}`, signal, false);
  sessions.store.addVerdict(transcript.id, result.verdict);
  request.onEvent?.({ type: 'verdict', verdict: result.verdict });
  return judgedOutcome(transcript.id, result.verdict.winner, false);
}

/** Follows a run to its end and says how the match went. */
async function follow(request: MatchRequest, run: DebateRun): Promise<MatchOutcome> {
  const { host, signal, plan } = request;
  let firstError: DebateError | null = null;
  let winner: number | null | undefined;
  let noVerdict: string | null = null;
  let outcome: Transcript['outcome'] | null = null;
  for await (const event of run.events) {
    request.onEvent?.(event);
    if (event.type === 'error') firstError ??= event.error;
    if (event.type === 'verdict') winner = event.verdict.winner;
    if (event.type === 'verdict-unavailable') noVerdict = event.reason;
    if (event.type === 'run-end') outcome = event.transcript.outcome;
  }
  // A debate that was refused before it was created (nothing in the library) has no id worth naming.
  const debateId = request.library.read(run.id) === null ? null : run.id;
  if (winner !== undefined && debateId !== null) return judgedOutcome(debateId, winner, false);
  if (signal.aborted) return { kind: 'stopped', debateId };
  if (firstError !== null) return failure(host, debateId, firstError.message, signal, isHostError(firstError));
  if (noVerdict !== null) return failure(host, debateId, `no verdict from ${plan.inputs.judge}: ${noVerdict}`, signal, false);
  return failure(host, debateId, `the debate ended ${outcome ?? 'without an end'} and was not judged`, signal, false);
}
