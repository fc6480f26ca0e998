// "Export Decision Record" beside Export to Markdown: shown for a debate that has stopped with
// something said (offersDecisionRecord); while the host makes the record (the judge model
// chosen, drafting, writing) it says so and can't be pressed again; then the panel's notice
// says where the record was written, with a link that opens it, or why there is none.
import { offersDecisionRecord, type DecisionRecordState } from '../../extension/contract/decision-record';
import type { DebateView } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import * as l10n from './l10n';

export interface DecisionRecordEvents {
  export(): void;
  /** Opens a record written here again (its location as the host said it). */
  open(location: string): void;
  /** Shows `text` in the panel's notice, then `action` if any. */
  notify(text: string, action?: HTMLElement): void;
}

const IDLE: DecisionRecordState = { kind: 'idle' };

export class DecisionRecordButton {
  readonly element = h('button', {
    type: 'button',
    class: 'secondary decision-record-button',
    title: l10n.t('Draft a MADR decision record of this debate with the judge model and write it into the decision-records folder'),
  });
  private state: DecisionRecordState = IDLE;
  private shownId: string | null = null;
  private offered = false;

  constructor(private readonly events: DecisionRecordEvents) {
    this.element.addEventListener('click', () => {
      if (!this.isWorking()) events.export();
    });
    this.draw();
  }

  /** The debate shown changed: offered or not. */
  render(view: DebateView): void {
    this.offered = offersDecisionRecord(view);
    this.shownId = view.transcript?.id ?? null;
    this.draw();
  }

  /** How the record of the debate shown goes, as the host says: a record written or refused is told in the notice. */
  update(state: DecisionRecordState): void {
    this.state = state;
    this.draw();
    if (state.kind === 'idle' || state.kind === 'working' || state.debateId !== this.shownId) return;
    if (state.kind === 'failed') {
      this.events.notify(l10n.t('No decision record was written: {0}', state.reason));
      return;
    }
    const link = h('button', { type: 'button', class: 'link-button', title: l10n.t('Open the decision record') }, [icon('go-to-file'), state.location]);
    link.addEventListener('click', () => this.events.open(state.location));
    this.events.notify(l10n.t('Decision record written to '), link);
  }

  private isWorking(): boolean {
    return this.state.kind === 'working' && this.state.debateId === this.shownId;
  }

  private draw(): void {
    const working = this.isWorking();
    this.element.hidden = !working && !this.offered;
    this.element.disabled = working;
    this.element.setAttribute('aria-busy', String(working));
    this.element.replaceChildren(
      ...(working
        ? [icon('loading codicon-modifier-spin'), l10n.t('Drafting Decision Record…')]
        : [icon('checklist'), l10n.t('Export Decision Record')]),
    );
  }
}
