// Rules of a speaker's "More" settings in the set-up form (display name, stance, role,
// temperature, context window, thinking), as pure functions (no DOM) so they are unit-tested:
// the choices the pickers offer, what a saved draft may hold, and the few words the folded
// set-up and the closed section say about them. Whether a value is acceptable, and what the
// start request carries, are the contract's rules (speaker-options.ts), shared with the host.
import { isStance, STANCES, type Stance } from '../../engine/personas/stance';
import type { ThinkingSetting } from '../../engine/types';
import { thinkingSettingsFor, type InstalledModel } from '../../extension/contract/installed-models';
import { requestExtras, type SpeakerExtras } from '../../extension/contract/speaker-options';
import { isVsCodeSpeaker, VSCODE_LM_BACKEND, type LanguageModelOption } from '../../extension/contract/language-models';
import { vsCodeModelSummary } from './languageModelRules';
import * as l10n from './l10n';

/** How a stance reads in the panel, in the display language (the engine's STANCE_LABELS stay English). */
const STANCE_DISPLAY_LABELS: Readonly<Record<Stance, string>> = {
  for: l10n.t('For'),
  against: l10n.t('Against'),
  'devils-advocate': l10n.t("Devil's advocate"),
  neutral: l10n.t('Neutral'),
};

/** The stance picker: None, then each stance by its label. */
export const STANCE_CHOICES: readonly { value: Stance | ''; label: string }[] = [
  { value: '', label: l10n.t('None') },
  ...STANCES.map((stance) => ({ value: stance, label: STANCE_DISPLAY_LABELS[stance] })),
];

/** The thinking picker: the model's own default (nothing sent), off, on, or a level; `value` is the option's value. */
export const THINKING_CHOICES: readonly { value: string; label: string; setting: ThinkingSetting | undefined }[] = [
  { value: '', label: l10n.t('Model default'), setting: undefined },
  { value: 'off', label: l10n.t('Off'), setting: false },
  { value: 'on', label: l10n.t('On'), setting: true },
  { value: 'low', label: l10n.t('Low'), setting: 'low' },
  { value: 'medium', label: l10n.t('Medium'), setting: 'medium' },
  { value: 'high', label: l10n.t('High'), setting: 'high' },
];

/**
 * The thinking picker's choices for a model: the model default and what the model takes (thinkingSettingsFor), so
 * none for a model Ollama says can't reason (the field is then hidden and nothing is sent); every choice while unknown.
 */
export function thinkingChoicesFor(model: InstalledModel | undefined): typeof THINKING_CHOICES {
  const offered = thinkingSettingsFor(model);
  if (offered.length === 0) return [];
  return THINKING_CHOICES.filter((choice) => choice.setting === undefined || offered.includes(choice.setting));
}

/** The thinking setting of a picker value (unknown: the default). */
export function thinkingOf(value: string): ThinkingSetting | undefined {
  return THINKING_CHOICES.find((choice) => choice.value === value)?.setting;
}

/** The picker value of a thinking setting. */
export function thinkingValue(setting: ThinkingSetting | undefined): string {
  return THINKING_CHOICES.find((choice) => choice.setting === setting)?.value ?? '';
}

/** What a number field holds: nothing (the default), a number, or NaN when what is typed is not one. */
export function numberOf(text: string, unreadable: boolean): number | undefined {
  if (unreadable) return Number.NaN;
  return text.trim() === '' ? undefined : Number(text);
}

function isThinking(value: unknown): value is ThinkingSetting {
  return THINKING_CHOICES.some((choice) => choice.setting !== undefined && choice.setting === value);
}

/** Text for a one-line field, which would drop line breaks silently and join the words: kept apart by a space instead. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/**
 * The settings a saved draft row holds that are of the right kind (a draft may come from another version of the panel),
 * a name and role on one line as their fields show them.
 */
export function savedExtras(row: Record<string, unknown>): SpeakerExtras {
  const { name, stance, role, temperature, contextSize, thinking, host, backend } = row;
  return {
    ...(typeof name === 'string' && { name: oneLine(name) }),
    ...(isStance(stance) && { stance }),
    ...(typeof role === 'string' && { role: oneLine(role) }),
    ...(typeof temperature === 'number' && { temperature }),
    ...(typeof contextSize === 'number' && { contextSize }),
    ...(isThinking(thinking) && { thinking }),
    ...(typeof host === 'string' && { host: oneLine(host) }),
    ...(backend === VSCODE_LM_BACKEND && { backend }),
  };
}

/**
 * A speaker in the folded set-up: "llama3.2:1b (Cynic, For)", with its name before it when it has its own ("Ada: …"); a VS Code
 * language model by its name, "GPT-4o (VS Code)" (`languageModels`: those VS Code offers).
 */
export function speakerSummary(speaker: SpeakerExtras & { model: string; tone: string }, languageModels: readonly LanguageModelOption[] = []): string {
  const model = speaker.model.trim() === '' ? l10n.t('no model')
    : isVsCodeSpeaker(speaker) ? vsCodeModelSummary(speaker.model, languageModels) : speaker.model.trim();
  const traits = [speaker.tone.trim(), speaker.stance === undefined ? '' : STANCE_DISPLAY_LABELS[speaker.stance]].filter((trait) => trait !== '');
  const name = speaker.name?.trim() ?? '';
  const host = speaker.host?.trim() ?? '';
  const onHost = host === '' ? model : l10n.t('{0} on {1}', model, host);
  const said = traits.length === 0 ? onHost : `${onHost} (${traits.join(', ')})`;
  return name === '' ? said : `${name}: ${said}`;
}

/** What a closed "More" section says is set, e.g. "Ada · For · an economist · temperature 0.7 · 16,384-token window · thinking high"; '' for none. */
export function extrasSummary(extras: SpeakerExtras): string {
  const { name, stance, role, temperature, contextSize, thinking, host } = requestExtras(extras);
  const parts = [
    name,
    stance === undefined ? undefined : STANCE_DISPLAY_LABELS[stance],
    role,
    temperature === undefined || Number.isNaN(temperature) ? undefined : l10n.t('temperature {0}', temperature),
    contextSize === undefined || Number.isNaN(contextSize) ? undefined : l10n.t('{0}-token window', contextSize.toLocaleString('en-US')),
    thinking === undefined ? undefined : l10n.t('thinking {0}', THINKING_CHOICES.find((choice) => choice.setting === thinking)?.label.toLowerCase() ?? ''),
    host === undefined ? undefined : l10n.t('host {0}', host),
  ];
  return parts.filter((part): part is string => part !== undefined).join(' · ');
}
