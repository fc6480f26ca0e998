// "Debate a Decision…": a question and its options (two to six) as a debate: the topic states
// both, and each option gets a speaker arguing for it (stance For, a role naming the option).
// Pure: decision-input.ts asks the person, these rules shape what they typed.
import { MAX_ROLE_LENGTH } from '../../engine/personas/role';
import type { SpeakerChoice } from '../contract/protocol';
import { MAX_SPEAKERS, MAX_TOPIC_CHARS } from '../contract/limits';
import * as l10n from '../contract/l10n';

export const MIN_DECISION_OPTIONS = 2;
/** One speaker per option, and a panel has at most this many. */
export const MAX_DECISION_OPTIONS = Math.min(6, MAX_SPEAKERS);
/** Room enough for the question and six options within a topic. */
export const MAX_QUESTION_CHARS = 500;
export const MAX_OPTION_CHARS = 300;

/** One line, spaces squeezed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Why the question can't be used as typed; null when it can. */
export function questionProblem(question: string): string | null {
  const text = oneLine(question);
  if (text === '') return l10n.t('Type the question to decide, e.g. "Which database should we use for the event log?"');
  if (text.length > MAX_QUESTION_CHARS) return l10n.t('The question is too long ({0} characters; at most {1}).', text.length, MAX_QUESTION_CHARS);
  return null;
}

/** Why an option can't be added as typed (blank is not a problem: it ends the list); null when it can. */
export function optionProblem(option: string, options: readonly string[]): string | null {
  const text = oneLine(option);
  if (text === '') return options.length < MIN_DECISION_OPTIONS ? l10n.t('A decision needs at least {0} options: type option {1}.', MIN_DECISION_OPTIONS, options.length + 1) : null;
  if (text.length > MAX_OPTION_CHARS) return l10n.t('The option is too long ({0} characters; at most {1}).', text.length, MAX_OPTION_CHARS);
  if (options.some((other) => other.toLowerCase() === text.toLowerCase())) return l10n.t('"{0}" is already an option.', text);
  return null;
}

/** The prompt of the box asking for option `number` (1-based), given how many there are. */
export function optionPrompt(number: number): string {
  return number <= MIN_DECISION_OPTIONS
    ? l10n.t('Option {0} of the decision (at least {1}).', number, MIN_DECISION_OPTIONS)
    : l10n.t('Option {0} (at most {1}); press Enter on an empty box to finish.', number, MAX_DECISION_OPTIONS);
}

/** The debate's topic: the question, then the options numbered, then what the debate should settle. */
export function decisionTopic(question: string, options: readonly string[]): string {
  const lines = [
    l10n.t('Decision: {0}', oneLine(question)),
    l10n.t('Options:'),
    ...options.map((option, index) => `${index + 1}. ${oneLine(option)}`),
    l10n.t('Which option should be chosen, and why?'),
  ];
  return lines.join('\n').slice(0, MAX_TOPIC_CHARS);
}

/** `text` cut to `max` characters, an ellipsis marking the cut. */
function shortened(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * One speaker per option, arguing for it: named after its option's number, stance For, its role
 * naming the option. Models and tones come from `base` (the default speakers) in turn.
 */
export function decisionSpeakers(options: readonly string[], base: readonly SpeakerChoice[]): SpeakerChoice[] {
  return options.slice(0, MAX_DECISION_OPTIONS).map((option, index) => {
    const from = base.length === 0 ? { model: '', tone: '' } : base[index % base.length]!;
    const prefix = l10n.t('an advocate of {0}', '');
    const role = l10n.t('an advocate of {0}', shortened(`“${oneLine(option)}”`, MAX_ROLE_LENGTH - prefix.length));
    return { model: from.model, tone: from.tone, ...(from.host !== undefined && { host: from.host }), name: l10n.t('Option {0}', index + 1), stance: 'for', role };
  });
}
