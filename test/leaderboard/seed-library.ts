// Judged debates written into a real library folder through the library's own API (the
// session adopts a record and its turns, as an import does; the store saves a verdict, as the
// judge does): for the CLI tests and the VS Code suite.
import { newDebateId } from '../../engine/library/ids';
import { openLibrary } from '../../engine/library/library-store';
import type { DebateSpeaker } from '../../engine/graph/state';
import type { DebateRecord } from '../../engine/store';
import type { SpeakerTurn } from '../../engine/types';
import { sampleVerdict } from '../engine/judge-fixtures';

export interface SeededSpeaker {
  model: string;
  tone: string;
  host?: string;
}

export interface SeededDebate {
  speakers: SeededSpeaker[];
  /** The speaker the verdict names; null is a tie. */
  winner: number | null;
  /** Each speaker's turns' time to first token and tokens per second (one turn each). */
  timeToFirstTokenMs?: number;
  tokensPerSecond?: number;
  /** False: saved without a verdict. */
  judged?: boolean;
}

const HOST = 'http://127.0.0.1:11434';

function turnsOf(debate: SeededDebate, at: number): SpeakerTurn[] {
  return debate.speakers.map((speaker, index) => ({
    kind: 'speaker',
    id: `turn-${at}-${index}`,
    exchange: 1,
    speakerIndex: index,
    speaker: `Speaker ${index + 1}`,
    model: speaker.model,
    tone: speaker.tone,
    text: `Argument ${index + 1} of debate ${at + 1}.`,
    status: 'complete',
    metrics: {
      timeToFirstTokenMs: debate.timeToFirstTokenMs ?? 200,
      durationMs: 1000,
      tokens: 30,
      tokensPerSecond: debate.tokensPerSecond ?? 30,
      loadDurationMs: null,
      promptTokens: 100,
    },
  }));
}

/** Writes the debates, each judged once (unless `judged: false`), into `folder`; returns their ids (oldest first). */
export async function seedJudgedDebates(folder: string, debates: readonly SeededDebate[]): Promise<string[]> {
  const { store, sessions } = openLibrary(folder, { app: 'CLI', label: 'test seed' });
  const ids: string[] = [];
  for (const [at, debate] of debates.entries()) {
    const created = new Date(Date.UTC(2026, 11, 1, 10, 0, at));
    const id = newDebateId(created);
    const speakers: DebateSpeaker[] = debate.speakers.map((speaker, index) => ({
      name: `Speaker ${index + 1}`,
      model: speaker.model,
      tone: speaker.tone,
      tonePrompt: `Speak as ${speaker.tone}.`,
      ...(speaker.host !== undefined && { host: speaker.host }),
    }));
    const turns = turnsOf(debate, at);
    const record: DebateRecord = {
      id,
      title: null,
      topic: `Seeded topic ${at + 1}`,
      speakers,
      exchanges: 1,
      settings: { host: HOST },
      createdAt: created.toISOString(),
      updatedAt: created.toISOString(),
      endedAt: created.toISOString(),
      outcome: 'complete',
      stopReason: 'exchanges',
      turnCount: turns.length,
    };
    await sessions.adopt(record, turns);
    if (debate.judged === false) {
      ids.push(id);
      continue;
    }
    store.addVerdict(
      id,
      sampleVerdict({
        createdAt: created.toISOString(),
        turnsJudged: turns.length,
        winner: debate.winner,
        orders: [
          { sides: [0, 1], winner: debate.winner, retried: false },
          { sides: [1, 0], winner: debate.winner, retried: false },
        ],
        scores: [],
        turnMarks: [],
      }),
    );
    ids.push(id);
  }
  return ids;
}
