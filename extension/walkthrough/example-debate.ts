// The debate the walkthrough's "Start a first debate" step opens: a light topic and two
// speakers in contrasting tones, on the models from settings (empty: installed ones, each
// speaker a different one, once the panel has listed them).
import type { DebateRequest } from '../contract/protocol';
import type { ExtensionSettings } from '../settings';

export const EXAMPLE_TOPIC = 'Is a hot dog a sandwich?';
const EXAMPLE_TONES = ['Philosopher', 'Snarky'] as const;
/** Two exchanges: a real back-and-forth that still ends within a minute on a small model. */
const EXAMPLE_EXCHANGES = 2;

export function exampleDebateForm(settings: Pick<ExtensionSettings, 'defaultSpeakers'>): DebateRequest {
  return {
    topic: EXAMPLE_TOPIC,
    speakers: EXAMPLE_TONES.map((tone, index) => ({ model: settings.defaultSpeakers[index]?.model ?? '', tone })),
    exchanges: EXAMPLE_EXCHANGES,
  };
}
