// Shared by the decision-record tests: a sample answer, a debate's transcript, and a judge
// model for the simulator that answers verdict requests as test/simulator/judge-script.ts does
// and decision-record requests (their `format` asks for `chosenOption`) with scripted replies.
import type { DecisionAnswer } from '../../engine/adr/record-schema';
import type { Transcript } from '../../engine/types';
import { ADA, BOB, makeTurn } from '../engine/fixtures';
import { pickSideSaying, REFUSAL_TEXT, scriptedJudge } from '../simulator/judge-script';
import type { ChatRequestBody, SimModel } from '../simulator/ollama-simulator';

export function sampleAnswer(patch: Partial<DecisionAnswer> = {}): DecisionAnswer {
  return {
    title: 'Use PostgreSQL for the event store',
    context: 'We need a durable event store.\n\nThe team knows SQL well.',
    options: [
      { name: 'PostgreSQL', pros: ['mature', 'the team knows it'], cons: ['needs a server'] },
      { name: 'SQLite', pros: ['no server'], cons: ['one writer at a time'] },
    ],
    chosenOption: 'PostgreSQL',
    justification: 'it handles concurrent writers and the team knows it.',
    consequences: { good: ['one database to run'], bad: ['an extra service in development'] },
    ...patch,
  };
}

export function sampleTranscript(patch: Partial<Transcript> = {}): Transcript {
  const speakers = [ADA, BOB];
  return {
    id: '20261201-150000-a1b2c3',
    topic: 'Postgres or SQLite?',
    speakers,
    exchanges: 1,
    startedAt: '2026-12-01T15:00:00.000Z',
    endedAt: '2026-12-01T15:01:00.000Z',
    turns: [makeTurn(0, speakers, 'Postgres scales.'), makeTurn(1, speakers, 'SQLite is simpler.')],
    outcome: 'complete',
    stopReason: 'exchanges',
    ...patch,
  };
}

export type RecordStep = 'valid' | 'refusal' | 'unknown-option';

/** The record a scripted judge gives for each step (as the JSON text it answers). */
export function recordReply(step: RecordStep): string {
  switch (step) {
    case 'valid':
      return JSON.stringify(sampleAnswer());
    case 'refusal':
      return REFUSAL_TEXT;
    case 'unknown-option':
      return JSON.stringify(sampleAnswer({ chosenOption: 'MongoDB' }));
    default: {
      const unknown: never = step;
      throw new Error(`unknown record step ${String(unknown)}`);
    }
  }
}

/** Whether a request asks for a decision record (its schema has `chosenOption`). */
export function asksForRecord(request: ChatRequestBody): boolean {
  const format = request.format as { properties?: Record<string, unknown> } | undefined;
  return typeof format === 'object' && format !== null && format.properties?.chosenOption !== undefined;
}

/** A judge that gives valid verdicts (for the side saying STRONG) and the scripted records, one per record request, the last repeating. */
export function recordingJudge(name: string, steps: readonly RecordStep[]): SimModel {
  const verdicts = scriptedJudge({ name, family: 'gemma3', steps: ['valid'], pick: pickSideSaying('STRONG') });
  let next = 0;
  return {
    ...verdicts,
    reply: (request) => {
      if (!asksForRecord(request)) return typeof verdicts.reply === 'function' ? verdicts.reply(request) : String(verdicts.reply);
      const step = steps[Math.min(next, steps.length - 1)] ?? 'valid';
      next += 1;
      return recordReply(step);
    },
  };
}
