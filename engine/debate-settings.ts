// How a debate runs beyond its speakers, in words: the turn order, the AI moderator, the stop
// conditions and closing statements. One wording for `show` and the markdown export; values
// hold model names, so each place escapes them its own way.
import type { StopConditions, Transcript, TurnOrder } from './types';

export interface DebateSetting {
  name: string;
  value: string;
}

/** The settings that differ from a plain debate (round-robin, no moderator, no stop condition, no closing statements, no language), in this order. */
export function describeDebateSettings(transcript: Pick<Transcript, 'order' | 'moderator' | 'stopOn' | 'closingStatements' | 'language'>): DebateSetting[] {
  const settings: DebateSetting[] = [];
  if (transcript.order !== undefined && transcript.order.kind !== 'round-robin') settings.push({ name: 'Order', value: orderText(transcript.order) });
  if (transcript.moderator !== undefined) settings.push({ name: 'Moderator', value: transcript.moderator.model });
  const stops = stopConditionsText(transcript.stopOn, transcript.moderator !== undefined);
  if (stops.length > 0) settings.push({ name: 'Stop conditions', value: stops.join('; ') });
  if (transcript.closingStatements === true) settings.push({ name: 'Closing statements', value: 'yes, tallied as a vote' });
  if (transcript.language !== undefined) settings.push({ name: 'Language', value: transcript.language });
  return settings;
}

function orderText(order: TurnOrder): string {
  switch (order.kind) {
    case 'random':
      return order.seed === undefined ? 'random' : `random (seed ${order.seed})`;
    case 'reply':
      return 'reply (each answers the one before)';
    case 'simultaneous':
      return 'simultaneous (every speaker answers the previous round at once)';
    case 'moderator':
      return 'moderator (the AI moderator picks who speaks next)';
    case 'round-robin':
      return 'round-robin';
    default: {
      const unknown: never = order.kind;
      throw new Error(`Unknown turn order ${String(unknown)}`);
    }
  }
}

function stopConditionsText(stopOn: StopConditions | undefined, hasModerator: boolean): string[] {
  const stops: string[] = [];
  const repetition = stopOn?.repetition;
  if (repetition !== undefined) {
    stops.push(
      repetition.embedModel === undefined
        ? `repetition (${repetition.ngram}-word runs shared ≥ ${repetition.threshold})`
        : `repetition (embedding similarity ≥ ${repetition.threshold}, by ${repetition.embedModel})`,
    );
  }
  const consensus = stopOn?.consensus;
  if (consensus !== undefined) {
    // The moderator is asked when there is one; else the rule's model (the judge's).
    const judge = hasModerator ? 'the moderator' : consensus.model ?? 'the judge';
    stops.push(`consensus (as ${judge} finds it)`);
  }
  return stops;
}
