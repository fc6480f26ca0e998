// What the leaderboard reads from one judged debate: its speakers' models, tones and hosts, the
// verdict that counts, and its speaker turns' speed. Pure: the library is read elsewhere
// (library-debates.ts) and handed here.
import { ownHostOr } from '../host';
import type { Verdict } from '../judge/verdict';
import type { Turn } from '../types';

/** One speaker as the leaderboard sees it. */
export interface RankedSpeaker {
  model: string;
  tone: string;
  /** The Ollama host it spoke on: its own, else the debate's. */
  host: string;
}

/** One speaker turn's speed, the reply that stands (Regenerate's earlier replies are not counted). */
export interface TurnSpeed {
  speakerIndex: number;
  timeToFirstTokenMs: number | null;
  tokensPerSecond: number | null;
}

/** A judged debate, reduced to what ranks and times its speakers. */
export interface JudgedDebate {
  id: string;
  speakers: RankedSpeaker[];
  /** The counted verdict's winner (a speaker index), or null for a tie. */
  winner: number | null;
  turns: TurnSpeed[];
}

/** What judgedDebateOf needs of a library record (DebateRecord has it). */
export interface JudgedRecord {
  id: string;
  speakers: ReadonlyArray<{ model: string; tone: string; host?: string }>;
  settings: { host?: string };
  verdicts?: readonly Pick<Verdict, 'winner' | 'createdAt'>[];
}

/**
 * The verdict that counts: the newest (a debate judged again is judged on what it has now, and
 * a person judges again when they distrust the earlier verdict). Verdicts are kept oldest first,
 * so among equal timestamps the later one wins.
 */
export function countedVerdict<V extends Pick<Verdict, 'createdAt'>>(verdicts: readonly V[] | undefined): V | null {
  let newest: V | null = null;
  for (const verdict of verdicts ?? []) {
    if (newest === null || timeOf(verdict.createdAt) >= timeOf(newest.createdAt)) newest = verdict;
  }
  return newest;
}

/** An unreadable timestamp sorts first: any readable verdict is newer. */
function timeOf(iso: string): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

/**
 * Pure: the debate as the leaderboard counts it, or null when it has no verdict, fewer than two
 * speakers, or a winner index no speaker has (a damaged record). `defaultHost` stands for a
 * debate that named no host (it ran on the default one).
 */
export function judgedDebateOf(record: JudgedRecord, turns: readonly Turn[], defaultHost: string): JudgedDebate | null {
  const verdict = countedVerdict(record.verdicts);
  if (verdict === null || record.speakers.length < 2) return null;
  if (verdict.winner !== null && (verdict.winner < 0 || verdict.winner >= record.speakers.length)) return null;
  const debateHost = ownHostOr(record.settings.host, defaultHost);
  return {
    id: record.id,
    speakers: record.speakers.map((speaker) => ({ model: speaker.model, tone: speaker.tone, host: ownHostOr(speaker.host, debateHost) })),
    winner: verdict.winner,
    turns: turns.flatMap((turn) =>
      turn.kind === 'speaker' && turn.status === 'complete'
        ? [{ speakerIndex: turn.speakerIndex, timeToFirstTokenMs: turn.metrics.timeToFirstTokenMs, tokensPerSecond: turn.metrics.tokensPerSecond }]
        : [],
    ),
  };
}
