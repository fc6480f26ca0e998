// A debate to and from its JSON file: export writes what the library holds;
// import takes a file in as a debate that can be continued, keeping its id
// when that id is free, so that import(export(d)) gives back the same JSON.
import { readableVerdicts } from '../judge/verdict';
import { recordedLanguage } from '../language';
import type { DebateSessions } from '../session';
import { newDebateId } from './ids';
import { parseDebateJson, serializeDebateJson, toDebateJson } from './debate-json';

export async function exportDebateJson(sessions: DebateSessions, id: string): Promise<string> {
  const transcript = await sessions.transcript(id);
  const record = sessions.store.read(id);
  if (record === null) throw new Error(`No debate ${id} in the library.`);
  const meta = { schema: 1 as const, ...record, outcome: transcript.outcome, stopReason: transcript.stopReason, stopNote: transcript.stopNote, endedAt: transcript.endedAt };
  return serializeDebateJson(toDebateJson(meta, transcript.turns, {
    ...(meta.verdicts !== undefined && { verdicts: meta.verdicts }), ...(meta.material !== undefined && { material: meta.material }),
  }));
}

export type ImportResult = { ok: true; id: string; renamed: boolean } | { ok: false; reason: string };

export async function importDebateJson(sessions: DebateSessions, text: string, now: Date = new Date()): Promise<ImportResult> {
  const parsed = parseDebateJson(text);
  if (!parsed.ok) return { ok: false, reason: parsed.reason };
  const { debate } = parsed;
  const renamed = sessions.store.has(debate.id);
  const id = renamed ? newDebateId(now) : debate.id;
  const verdicts = readableVerdicts(debate.verdicts);
  await sessions.adopt(
    {
      id,
      title: debate.title,
      topic: debate.topic,
      speakers: debate.speakers,
      exchanges: debate.exchanges,
      settings: debate.settings,
      createdAt: debate.createdAt,
      updatedAt: now.toISOString(),
      endedAt: debate.endedAt,
      outcome: debate.outcome,
      stopReason: debate.stopReason,
      ...(debate.stopNote !== undefined && { stopNote: debate.stopNote }),
      ...(debate.order !== undefined && { order: debate.order }),
      ...(debate.stopOn !== undefined && { stopOn: debate.stopOn }),
      ...(debate.moderator !== undefined && { moderator: debate.moderator }),
      ...(debate.closingStatements !== undefined && { closingStatements: debate.closingStatements }),
      ...(recordedLanguage(debate.language) !== undefined && { language: recordedLanguage(debate.language) }),
      turnCount: debate.turns.length,
      ...(debate.parentId !== undefined && { parentId: debate.parentId }),
      ...(debate.forkedAtTurn !== undefined && { forkedAtTurn: debate.forkedAtTurn }),
      ...(verdicts.length > 0 && { verdicts }),
      ...(debate.material !== undefined && { material: debate.material }),
    },
    debate.turns,
  );
  return { ok: true, id, renamed };
}
