// How a model pull looks wherever it is shown (a speaker row, the error banner).
import type { PullProgress } from '../../engine/types';
import { h, icon } from './dom';
import { assertNever, formatPullProgress } from './format';
import * as l10n from './l10n';

export type PullState =
  | { kind: 'progress'; progress: PullProgress }
  | { kind: 'done' }
  | { kind: 'failed'; message: string };

export function pullStatusElement(model: string, state: PullState): HTMLElement {
  switch (state.kind) {
    case 'progress': {
      const bar = h('progress', { max: 1, 'aria-label': l10n.t('Pulling {0}', model) });
      // No value means "indeterminate": Ollama reports no byte counts while it resolves the manifest.
      if (state.progress.fraction !== null) bar.value = state.progress.fraction;
      return h('div', { class: 'pull-status' }, [bar, h('span', { class: 'pull-text', text: formatPullProgress(state.progress) })]);
    }
    case 'done':
      return h('div', { class: 'pull-status pull-done' }, [icon('check'), l10n.t('Pulled {0}.', model)]);
    case 'failed':
      return h('div', { class: 'pull-status pull-failed' }, [icon('error'), l10n.t('Pull of {0} failed: {1}', model, state.message)]);
    default:
      return assertNever(state);
  }
}
