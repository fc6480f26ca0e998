// Rules linking the panel's setup form to settings and to the engine's config.
import { DEFAULT_REPETITION_RULE } from '../../engine/repetition';
import { DEFAULT_TONE, findTone } from '../../engine/tones';
import { cleanRole } from '../../engine/personas/role';
import { hasMaterial } from '../../engine/material/material';
import type { DebateConfig, ModelInfo, SpeakerConfig, StopConditions, Transcript } from '../../engine/types';
import { withDefaultModels } from '../contract/installed-models';
import { MAX_PANEL_EXCHANGES, MIN_PANEL_EXCHANGES } from '../contract/limits';
import type { DebateRequest, SpeakerChoice } from '../contract/protocol';
import { defaultSpeakerName, requestExtras, speakerName, speakerOptionsProblem } from '../contract/speaker-options';
import type { ExtensionSettings } from '../settings';
import * as l10n from '../contract/l10n';

/** The form a new panel starts with: the default speakers and exchanges from settings. */
export function defaultForm(settings: ExtensionSettings, models: readonly ModelInfo[] | null): DebateRequest {
  return fillDefaultModels(
    {
      topic: '',
      speakers: settings.defaultSpeakers.map((speaker) => ({
        model: speaker.model,
        // An empty or unknown tone (a typo in settings) falls back to the default one; an unknown one
        // is named in a warning when the settings are read (settings.ts unknownDefaultTones).
        tone: findTone(speaker.tone, settings.customTones)?.name ?? DEFAULT_TONE,
        ...(speaker.host !== undefined && { host: speaker.host }),
        ...(speaker.backend !== undefined && { backend: speaker.backend }),
      })),
      exchanges: settings.defaultExchanges,
    },
    models,
  );
}

/** The form of a panel opened on a saved debate: its set-up, ready to start another like it. */
export function formOf(transcript: Transcript): DebateRequest {
  return {
    topic: transcript.topic,
    speakers: acceptedSpeakers(transcript.speakers.map(speakerChoiceOf)),
    exchanges: Math.min(MAX_PANEL_EXCHANGES, Math.max(MIN_PANEL_EXCHANGES, transcript.exchanges)),
    // The order and the stop as the form offers them: a random order's seed stays with that debate, the next draws its own.
    ...(transcript.order !== undefined && transcript.order.kind !== 'round-robin' && { order: transcript.order.kind }),
    ...(transcript.stopOn?.repetition !== undefined && { stopOnRepetition: true }),
    ...(transcript.moderator !== undefined && { moderatorModel: transcript.moderator.model }),
    // The panel's consensus is the AI moderator's; one asked of another model (the CLI's judge) has no place in the form.
    ...(transcript.stopOn?.consensus !== undefined && transcript.moderator !== undefined && { stopOnConsensus: true }),
    ...(transcript.closingStatements === true && { closingStatements: true }),
    ...(transcript.language !== undefined && { language: transcript.language }),
  };
}

/** Speakers left without a model get installed ones (once the list is known): see withDefaultModels. */
export function fillDefaultModels(form: DebateRequest, models: readonly ModelInfo[] | null): DebateRequest {
  const speakers = withDefaultModels(form.speakers, models ?? []);
  return speakers === form.speakers ? form : { ...form, speakers };
}

/** What the engine runs for a validated form submission. */
export function toDebateConfig(request: DebateRequest, settings: ExtensionSettings, host: string): DebateConfig {
  return {
    topic: request.topic,
    speakers: request.speakers.map(speakerConfigOf),
    exchanges: request.exchanges,
    host,
    customTones: settings.customTones,
    contextWindow: settings.contextWindow,
    firstTokenTimeoutMs: settings.firstTokenTimeoutMs,
    // A random order gets its seed from the engine, which records it with the debate.
    ...(request.order !== undefined && request.order !== 'round-robin' && { order: { kind: request.order } }),
    ...stopConditions(request),
    // The moderator runs on the debate's host (the engine's default when `host` is absent).
    ...(request.moderatorModel !== undefined && { moderator: { model: request.moderatorModel } }),
    ...(request.closingStatements === true && { closingStatements: true }),
    ...(request.language !== undefined && { language: request.language }),
    // Refused by the engine with its size when it does not fit a speaker's window (engine/material/budget.ts).
    ...(hasMaterial(request.material) && { material: request.material }),
  };
}

/** A speaker as the engine runs it: its name (its own, else "Speaker N") and only the settings the person gave. */
function speakerConfigOf(speaker: SpeakerChoice, index: number): SpeakerConfig {
  const { model, tone, stance, role, temperature, contextSize, thinking, host, backend } = speaker;
  return {
    name: speakerName(speaker, index),
    model,
    tone,
    ...(stance !== undefined && { stance }),
    ...(role !== undefined && { role }),
    ...(temperature !== undefined && { temperature }),
    ...(contextSize !== undefined && { contextSize }),
    ...(thinking !== undefined && { thinking }),
    ...(host !== undefined && { host }),
    ...(backend !== undefined && { backend }),
  };
}

/** A saved debate's speaker as the form offers it: what the panel can set (its own host and backend included); a name that is the default left out. */
function speakerChoiceOf(speaker: SpeakerConfig, index: number): SpeakerChoice {
  const { model, tone, stance, temperature, contextSize, thinking, host, backend } = speaker;
  const name = speaker.name.trim();
  const role = cleanRole(speaker.role ?? '');
  return { model, tone, ...requestExtras({ name: name === defaultSpeakerName(index) ? '' : name, stance, role, temperature, contextSize, thinking, host, backend }) };
}

/**
 * The speakers with what the host would refuse left out (a debate from the CLI may have a longer name or a smaller
 * window), one setting at a time; a clash with a default name drops the names, since defaults never clash.
 */
function acceptedSpeakers(speakers: SpeakerChoice[]): SpeakerChoice[] {
  for (let problem = speakerOptionsProblem(speakers); problem !== null; problem = speakerOptionsProblem(speakers)) {
    const speaker = speakers[problem.index];
    if (speaker !== undefined && speaker[problem.field] !== undefined) delete speaker[problem.field];
    else for (const each of speakers) delete each.name;
  }
  return speakers;
}

/** The stop conditions asked for, or nothing when none is (a plain debate's config stays as it was). */
function stopConditions(request: DebateRequest): Pick<DebateConfig, 'stopOn'> {
  const stopOn: StopConditions = {
    ...(request.stopOnRepetition === true && { repetition: DEFAULT_REPETITION_RULE }),
    // Asked of the AI moderator after each round (the request is refused without one).
    ...(request.stopOnConsensus === true && { consensus: {} }),
  };
  return Object.keys(stopOn).length === 0 ? {} : { stopOn };
}

const MAX_TITLE_TOPIC_CHARS = 40;

/** The panel's tab title: the topic's first line, shortened. */
export function panelTitle(topic: string | null): string {
  const firstLine = (topic ?? '').trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (firstLine === '') return l10n.t('New Debate');
  return firstLine.length > MAX_TITLE_TOPIC_CHARS
    ? `${firstLine.slice(0, MAX_TITLE_TOPIC_CHARS - 1).trimEnd()}…`
    : firstLine;
}
