// A queued match's debate rebuilt from what its stream carried (match-stream.ts): checked as
// strictly as an imported debate (meta.json's and the debate JSON's checks), then adopted into
// a library under its own id, its tournament tag kept, so the tournament's resume logic
// (engine/tournament/match-records.ts) finds it there.
import { readableVerdicts } from '../judge/verdict';
import { parseDebateJson, serializeDebateJson, toDebateJson } from '../library/debate-json';
import { parseMeta } from '../library/meta';
import type { DebateRecord } from '../store';
import { positionAfter } from '../turn-order';
import type { Turn } from '../types';
import type { MatchState } from './match-stream';

export type RebuiltDebate = { ok: true; record: DebateRecord; turns: Turn[] } | { ok: false; reason: string };

/** Pure: the record and turns, checked; `record` stands as given (its outcome, verdicts and counts are the caller's). */
export function checkedDebate(record: DebateRecord, turns: readonly Turn[]): RebuiltDebate {
  const meta = parseMeta(JSON.stringify({ ...record, schema: 1 }), record.id);
  if (!meta.ok) return { ok: false, reason: `its record is not valid: ${meta.reason}` };
  let json: string;
  try {
    json = serializeDebateJson(toDebateJson(meta.meta, turns));
  } catch (error) {
    return { ok: false, reason: `its turns are not valid: ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = parseDebateJson(json);
  if (!parsed.ok) return { ok: false, reason: `its turns are not valid: ${parsed.reason}` };
  const { schema: _schema, ...checked } = meta.meta;
  return { ok: true, record: { ...checked, turnCount: parsed.debate.turns.length }, turns: parsed.debate.turns };
}

/**
 * Pure: the debate a worker taking over resumes. Its turns so far stand interrupted (the run
 * goes on from the last completed one), or complete when every exchange was spoken (only the
 * verdict is missing: the tournament judges it), with any verdict already given.
 */
export function resumableDebate(state: MatchState, now: Date): RebuiltDebate | null {
  if (state.record === null) return null;
  const { record, turns } = state;
  const spoken = positionAfter(turns, record.speakers.length, record.order).round > record.exchanges;
  const verdicts = readableVerdicts([...(record.verdicts ?? []), ...state.verdicts]);
  const standing: DebateRecord = {
    ...record,
    outcome: spoken ? 'complete' : 'interrupted',
    stopReason: spoken ? 'exchanges' : null,
    endedAt: record.endedAt ?? now.toISOString(),
    updatedAt: now.toISOString(),
    ...(verdicts.length > 0 && { verdicts }),
  };
  return checkedDebate(standing, turns);
}

/** Pure: the finished debate as the collector keeps it, or null while the match runs. */
export function finishedDebate(state: MatchState): RebuiltDebate | null {
  return state.done === null ? null : checkedDebate(state.done, state.turns);
}

