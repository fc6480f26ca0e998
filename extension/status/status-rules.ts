// What the Ollama status bar item says, as a pure function of the last model listing:
// its text (with a codicon), tooltip, accessible label, whether it warns, and what a
// click does. Host and model names come from settings and a server: shown without a
// password and without control characters.
import { stripUnsafe, withoutPassword } from '../../engine/text-safety';
import type { ModelListing } from '../models/model-catalog';
import * as l10n from '../contract/l10n';

/** What a click on the item does. */
export type StatusAction =
  /** Ollama does not answer: the walkthrough explains how to install and start it. */
  | 'walkthrough'
  /** The host setting can't be read as an address: open that setting. */
  | 'host-setting'
  /** Show the debate used last (its panel says more about any other failure, with Retry). */
  | 'reveal';

export interface StatusView {
  text: string;
  tooltip: string;
  /** What a screen reader announces for the item. */
  accessibleLabel: string;
  /** Shown on the warning background. */
  warning: boolean;
  action: StatusAction;
}

/** Nothing listed yet, or the last listing. */
export type OllamaStatus = { kind: 'checking' } | { kind: 'listed'; listing: ModelListing };

/** How many model names the tooltip lists before "and N more". */
export const TOOLTIP_MODEL_NAMES = 5;

export function statusView(status: OllamaStatus): StatusView {
  if (status.kind === 'checking') {
    return {
      text: '$(sync~spin) Ollama',
      tooltip: l10n.t('Asking Ollama for its models…'),
      accessibleLabel: l10n.t('Asking Ollama for its models'),
      warning: false,
      action: 'reveal',
    };
  }
  const { listing } = status;
  const where = listing.host === null ? 'Ollama' : l10n.t('Ollama at {0}', shownHost(listing.host));
  if (listing.ok) {
    const count = modelCount(listing.models.length);
    const names = modelNames(listing.models.map((model) => model.name));
    return {
      text: `$(comment-discussion) ${l10n.t('Ollama: {0}', count)}`,
      tooltip: names === ''
        ? l10n.t('{0}: {1} installed.\nClick to show the debate.', where, count)
        : l10n.t('{0}: {1} installed ({2}).\nClick to show the debate.', where, count, names),
      accessibleLabel: l10n.t('{0}: {1} installed', where, count),
      warning: false,
      action: 'reveal',
    };
  }
  const reason = stripUnsafe(listing.error.message);
  switch (listing.error.kind) {
    case 'unreachable':
      return {
        text: `$(warning) ${l10n.t('Ollama not reachable')}`,
        tooltip: l10n.t('{0} is not reachable. {1}\nClick to open "{2}".', where, reason, l10n.t('Get started with Talking Models')),
        accessibleLabel: l10n.t('{0} is not reachable', where),
        warning: true,
        action: 'walkthrough',
      };
    case 'invalid-config':
      return {
        text: `$(warning) ${l10n.t('Ollama host not valid')}`,
        tooltip: l10n.t('{0}\nClick to open the Ollama host setting.', reason),
        accessibleLabel: l10n.t('The Ollama host setting is not a valid address'),
        warning: true,
        action: 'host-setting',
      };
    default:
      return {
        text: `$(warning) ${l10n.t('Ollama error')}`,
        tooltip: l10n.t('{0} answered, but not with its models. {1}\nClick to show the debate.', where, reason),
        accessibleLabel: l10n.t('{0} failed to list its models', where),
        warning: true,
        action: 'reveal',
      };
  }
}

/** "no models", "1 model", "3 models". */
export function modelCount(count: number): string {
  if (count === 0) return l10n.t('no models');
  return count === 1 ? l10n.t('1 model') : l10n.t('{0} models', count);
}

/** The first few names, then how many more: "a, b, c, d, e and 2 more". */
function modelNames(names: readonly string[]): string {
  const shown = names.slice(0, TOOLTIP_MODEL_NAMES).map(stripUnsafe);
  const more = names.length - shown.length;
  return more > 0 ? l10n.t('{0} and {1} more', shown.join(', '), more) : shown.join(', ');
}

function shownHost(host: string): string {
  return stripUnsafe(withoutPassword(host));
}
