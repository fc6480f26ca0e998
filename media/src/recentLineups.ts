// "Recent line-ups" in the set-up: the line-ups of the debates started last, newest first; one
// chosen refills the speakers (models, tones, stances, roles, names). A line-up whose model is no
// longer installed is still offered, its label naming that model (a Pull is one click in its row).
import type { ModelInfo } from '../../engine/types';
import type { LineUpSpeakerChoice } from '../../extension/contract/protocol';
import { h } from './dom';
import { recentLineUpLabel } from './personaRules';
import * as l10n from './l10n';

export const RECENT_LINEUPS_ID = 'recent-lineups';

export class RecentLineUpsPicker {
  readonly select: HTMLSelectElement = h('select', { id: RECENT_LINEUPS_ID, 'aria-describedby': `${RECENT_LINEUPS_ID}-hint` });
  readonly element: HTMLElement;
  private readonly hint = h('div', { id: `${RECENT_LINEUPS_ID}-hint`, class: 'field-hint' });
  private lineUps: LineUpSpeakerChoice[][] = [];
  private models: readonly ModelInfo[] | null = null;

  constructor(choose: (lineUp: LineUpSpeakerChoice[]) => void) {
    this.element = h('div', { class: 'field' }, [h('label', { for: RECENT_LINEUPS_ID, text: l10n.t('Recent line-ups') }), this.select, this.hint]);
    this.select.addEventListener('change', () => {
      const lineUp = this.lineUps[Number(this.select.value)];
      // Back to the prompt: the same line-up can be chosen again after edits.
      this.select.value = '';
      if (lineUp !== undefined) choose(lineUp);
    });
    this.render();
  }

  setLineUps(lineUps: LineUpSpeakerChoice[][]): void {
    this.lineUps = lineUps;
    this.render();
  }

  setModels(models: readonly ModelInfo[]): void {
    this.models = models;
    this.render();
  }

  private render(): void {
    const none = this.lineUps.length === 0;
    const prompt = h('option', { value: '', text: none ? l10n.t('None yet') : l10n.t('Choose a line-up…') });
    const options = this.lineUps.map((lineUp, index) => {
      const label = recentLineUpLabel(lineUp, this.models);
      return h('option', { value: String(index), text: label, title: label });
    });
    this.select.replaceChildren(prompt, ...options);
    this.select.value = '';
    this.select.disabled = none;
    this.hint.textContent = none
      ? l10n.t('The speakers of each debate you start are kept here.')
      : l10n.t('Refills the speakers: models, tones, stances, roles and names.');
  }
}
