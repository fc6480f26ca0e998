// Rejects a configuration before anything is sent, naming the offending field.
import { normalizeHost } from './host';
import { withoutPassword } from './text-safety';
import {
  MAX_EXCHANGES,
  MAX_SPEAKERS,
  MAX_TEMPERATURE,
  MIN_EXCHANGES,
  MIN_SPEAKERS,
  MIN_TEMPERATURE,
} from './limits';
import { materialProblem } from './material/budget';
import { findTone, validateTones } from './tones';
import { TURN_ORDERS } from './turn-order';
import type { DebateConfig, DebateError, SpeakerConfig } from './types';

function invalid(field: string, message: string): DebateError {
  return { kind: 'invalid-config', field, message };
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim() === '';
}

function checkHost(field: string, host: string | undefined): DebateError | null {
  if (host === undefined || host.trim() === '') return null;
  return normalizeHost(host) === null
    ? invalid(field, `${field} "${withoutPassword(host)}" is not a valid http(s) URL, e.g. http://127.0.0.1:11434.`)
    : null;
}

function checkSpeaker(speaker: SpeakerConfig, index: number, config: DebateConfig): DebateError | null {
  const at = `speakers[${index}]`;
  if (isBlank(speaker.name)) return invalid(`${at}.name`, `${at}.name is empty: give the speaker a name.`);
  if (isBlank(speaker.model)) return invalid(`${at}.model`, `${at}.model is empty: choose an installed Ollama model.`);
  if (isBlank(speaker.tone)) return invalid(`${at}.tone`, `${at}.tone is empty: choose a tone.`);
  if (findTone(speaker.tone, config.customTones) === undefined) {
    return invalid(`${at}.tone`, `${at}.tone "${speaker.tone}" is not a known tone.`);
  }
  const { temperature, contextSize } = speaker;
  if (temperature !== undefined && !(Number.isFinite(temperature) && temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
    return invalid(`${at}.temperature`, `${at}.temperature must be between ${MIN_TEMPERATURE} and ${MAX_TEMPERATURE}.`);
  }
  if (contextSize !== undefined && !(Number.isInteger(contextSize) && contextSize > 0)) {
    return invalid(`${at}.contextSize`, `${at}.contextSize must be a positive whole number of tokens.`);
  }
  const clash = config.speakers.findIndex((other, j) => j < index && other.name.trim().toLowerCase() === speaker.name.trim().toLowerCase());
  if (clash !== -1) return invalid(`${at}.name`, `${at}.name "${speaker.name}" is already used by speakers[${clash}].`);
  return checkHost(`${at}.host`, speaker.host);
}

function isPositive(value: number | undefined): boolean {
  return value === undefined || (Number.isFinite(value) && value > 0);
}

/** The AI moderator and the consensus model: each named when asked for, on a valid host; what needs them has them. */
function checkModeratorAndConsensus(config: DebateConfig): DebateError | null {
  const { moderator, order } = config;
  if (moderator !== undefined) {
    if (isBlank(moderator.model)) return invalid('moderator.model', 'The AI moderator has no model: choose an installed model, or no moderator.');
    const hostError = checkHost('moderator.host', moderator.host);
    if (hostError !== null) return hostError;
  }
  if (order?.kind === 'moderator' && moderator === undefined) {
    return invalid('order.kind', 'In a moderator order the AI moderator picks who speaks next: choose a moderator model, or another order.');
  }
  if (config.judge !== undefined) {
    if (isBlank(config.judge.model)) return invalid('judge.model', 'The judge has no model: choose an installed model, or no judge.');
    const hostError = checkHost('judge.host', config.judge.host);
    if (hostError !== null) return hostError;
  }
  const consensus = config.stopOn?.consensus;
  if (consensus !== undefined && moderator === undefined && (consensus.model === undefined || isBlank(consensus.model))) {
    return invalid('stopOn.consensus', 'Stopping when the speakers agree needs a model to judge it: choose an AI moderator (or, in the CLI, --judge MODEL).');
  }
  return checkHost('stopOn.consensus.host', consensus?.host);
}

export function validateConfig(config: DebateConfig): DebateError | null {
  if (isBlank(config.topic)) return invalid('topic', 'topic is empty: say what the debate is about.');
  const speakers = Array.isArray(config.speakers) ? config.speakers : [];
  if (speakers.length < MIN_SPEAKERS || speakers.length > MAX_SPEAKERS) {
    return invalid('speakers', `speakers must list ${MIN_SPEAKERS} to ${MAX_SPEAKERS} speakers (got ${speakers.length}).`);
  }
  if (!Number.isInteger(config.exchanges) || config.exchanges < MIN_EXCHANGES || config.exchanges > MAX_EXCHANGES) {
    return invalid('exchanges', `exchanges must be a whole number from ${MIN_EXCHANGES} to ${MAX_EXCHANGES}.`);
  }
  const hostError = checkHost('host', config.host);
  if (hostError !== null) return hostError;
  if (!isPositive(config.contextBudgetChars)) return invalid('contextBudgetChars', 'contextBudgetChars must be a positive number.');
  if (!isPositive(config.firstTokenTimeoutMs)) return invalid('firstTokenTimeoutMs', 'firstTokenTimeoutMs must be a positive number.');
  if (!isPositive(config.stallTimeoutMs)) return invalid('stallTimeoutMs', 'stallTimeoutMs must be a positive number.');
  if (config.maxReplyChars !== undefined && !(Number.isInteger(config.maxReplyChars) && config.maxReplyChars > 0)) {
    return invalid('maxReplyChars', 'maxReplyChars must be a positive whole number of characters.');
  }
  const order = config.order;
  if (order !== undefined && !(TURN_ORDERS as readonly string[]).includes(order.kind)) {
    return invalid('order.kind', `The turn order is one of ${TURN_ORDERS.join(', ')}.`);
  }
  if (order?.seed !== undefined && !(Number.isInteger(order.seed) && order.seed >= 0 && order.seed < 2 ** 32)) {
    return invalid('order.seed', 'The turn order seed is a whole number from 0 to 4294967295.');
  }
  const repetition = config.stopOn?.repetition;
  if (repetition !== undefined && !(repetition.threshold > 0 && repetition.threshold <= 1)) {
    return invalid('stopOn.repetition.threshold', 'The repetition threshold is a share of a reply: more than 0, at most 1 (e.g. 0.6).');
  }
  if (repetition !== undefined && !(Number.isInteger(repetition.ngram) && repetition.ngram >= 1 && repetition.ngram <= 10)) {
    return invalid('stopOn.repetition.ngram', 'The repetition n-gram is 1 to 10 words.');
  }
  if (repetition?.embedModel !== undefined && isBlank(repetition.embedModel)) {
    return invalid('stopOn.repetition.embedModel', 'The embedding model for the repetition check is empty: name one (e.g. nomic-embed-text).');
  }
  const materialError = materialProblem(config);
  if (materialError !== null) return materialError;
  const helpersError = checkModeratorAndConsensus(config);
  if (helpersError !== null) return helpersError;
  const toneError = validateTones(config.customTones ?? []);
  if (toneError !== null) return toneError;
  for (let i = 0; i < speakers.length; i++) {
    const speakerError = checkSpeaker(speakers[i], i, config);
    if (speakerError !== null) return speakerError;
  }
  return null;
}
