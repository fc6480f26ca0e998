// What the Ollama status bar item says, as a pure function of the last model listing:
// its text (with a codicon), tooltip, accessible label, whether it warns, and what a
// click does. Host and model names come from settings and a server: shown without a
// password and without control characters.
import { stripUnsafe, withoutPassword } from '../../engine/text-safety';
import type { ModelListing } from '../models/model-catalog';

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

const WALKTHROUGH_TITLE = 'Get started with Talking Models';

export function statusView(status: OllamaStatus): StatusView {
  if (status.kind === 'checking') {
    return {
      text: '$(sync~spin) Ollama',
      tooltip: 'Asking Ollama for its models…',
      accessibleLabel: 'Asking Ollama for its models',
      warning: false,
      action: 'reveal',
    };
  }
  const { listing } = status;
  const where = listing.host === null ? 'Ollama' : `Ollama at ${shownHost(listing.host)}`;
  if (listing.ok) {
    const count = modelCount(listing.models.length);
    const names = modelNames(listing.models.map((model) => model.name));
    return {
      text: `$(comment-discussion) Ollama: ${count}`,
      tooltip: `${where}: ${count} installed${names === '' ? '' : ` (${names})`}.\nClick to show the debate.`,
      accessibleLabel: `${where}: ${count} installed`,
      warning: false,
      action: 'reveal',
    };
  }
  const reason = stripUnsafe(listing.error.message);
  switch (listing.error.kind) {
    case 'unreachable':
      return {
        text: '$(warning) Ollama not reachable',
        tooltip: `${where} is not reachable. ${reason}\nClick to open "${WALKTHROUGH_TITLE}".`,
        accessibleLabel: `${where} is not reachable`,
        warning: true,
        action: 'walkthrough',
      };
    case 'invalid-config':
      return {
        text: '$(warning) Ollama host not valid',
        tooltip: `${reason}\nClick to open the Ollama host setting.`,
        accessibleLabel: 'The Ollama host setting is not a valid address',
        warning: true,
        action: 'host-setting',
      };
    default:
      return {
        text: '$(warning) Ollama error',
        tooltip: `${where} answered, but not with its models. ${reason}\nClick to show the debate.`,
        accessibleLabel: `${where} failed to list its models`,
        warning: true,
        action: 'reveal',
      };
  }
}

/** "no models", "1 model", "3 models". */
export function modelCount(count: number): string {
  if (count === 0) return 'no models';
  return count === 1 ? '1 model' : `${count} models`;
}

/** The first few names, then how many more: "a, b, c, d, e and 2 more". */
function modelNames(names: readonly string[]): string {
  const shown = names.slice(0, TOOLTIP_MODEL_NAMES).map(stripUnsafe);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

function shownHost(host: string): string {
  return stripUnsafe(withoutPassword(host));
}
