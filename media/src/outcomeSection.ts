// The end of the transcript: how the debate came out. The vote of the closing statements, the
// judges' verdicts (the newest as a card, earlier ones folded), and the Judge… action once a
// debate has turns and no run is going: a judge-model picker (the installed models, as the
// speakers' pickers offer them), the progress while judging with Cancel, and when the judge
// gave no verdict, why (with Pull or Retry when that is the way out). Every control is a real
// button or field, reachable with Tab.
import { tallyVotes } from '../../engine/closing';
import type { ModelInfo, Transcript } from '../../engine/types';
import { findInstalledModel } from '../../extension/contract/installed-models';
import { judgeBlockedReason, judgingStep, proposedJudgeModel } from '../../extension/contract/judge-rules';
import type { DebateView, JudgeView, JudgingState } from '../../extension/contract/protocol';
import { isRunningStatus } from '../../extension/contract/snapshot';
import { h, icon } from './dom';
import { formatModelDetails } from './format';
import { pullStatusElement, type PullState } from './pullStatus';
import { MODELS_DATALIST_ID } from './speakerRow';
import { verdictCard, verdictUnavailable } from './verdictCard';
import { voteTallyElement } from './voteTally';
import * as l10n from './l10n';

export interface OutcomeEvents {
  judge(model: string): void;
  cancel(): void;
  pull(model: string): void;
}

type ShownState = Exclude<JudgingState, { kind: 'idle' }>;

/** The judging state that concerns the debate shown (another debate's is not this one's). */
function stateFor(judge: JudgeView | null, transcript: Transcript | null): ShownState | null {
  const state = judge?.state;
  if (state === undefined || state.kind === 'idle' || transcript === null || state.debateId !== transcript.id) return null;
  return state;
}

const PICKER_ID = 'judge-model';

export class OutcomeSection {
  readonly element: HTMLElement;
  private readonly tallyArea = h('div', { class: 'outcome-tally' });
  private readonly verdictArea = h('div', { class: 'outcome-verdicts' });
  private readonly message = h('div', { class: 'judge-message', tabindex: -1 });
  private readonly judgeButton = h('button', { type: 'button', class: 'secondary', title: l10n.t('Ask a model for a blind verdict on this debate') }, [icon('law'), l10n.t('Judge…')]);
  private readonly cancelButton = h('button', { type: 'button', class: 'secondary' }, [icon('close'), l10n.t('Cancel judging')]);
  private readonly blockedHint = h('p', { id: 'judge-blocked', class: 'field-hint' });
  private readonly modelInput = h('input', {
    id: PICKER_ID, type: 'text', list: MODELS_DATALIST_ID, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${PICKER_ID}-status`,
  });
  private readonly modelStatus = h('div', { id: `${PICKER_ID}-status`, class: 'field-hint' });
  private readonly picker: HTMLFormElement;
  private readonly judgeArea: HTMLElement;
  private view: Pick<DebateView, 'transcript' | 'status' | 'access'> | null = null;
  private judge: JudgeView | null = null;
  private models: readonly ModelInfo[] | null = null;
  private readonly pulls = new Map<string, PullState>();
  private pickerOpen = false;
  private verdictsKey = '';
  private tallyKey = '';

  constructor(private readonly events: OutcomeEvents) {
    const submit = h('button', { type: 'submit', class: 'primary' }, [icon('law'), l10n.t('Judge')]);
    const close = h('button', { type: 'button', class: 'secondary' }, [l10n.t('Cancel')]);
    this.picker = h('form', { class: 'judge-picker', 'aria-label': l10n.t('Judge the debate'), hidden: true }, [
      h('div', { class: 'field' }, [h('label', { for: PICKER_ID, text: l10n.t('Judge model') }), this.modelInput, this.modelStatus]),
      h('p', { class: 'field-hint', text: l10n.t('It never sees names or models: sides are labelled A, B…, shuffled, and judged in several orders.') }),
      h('div', { class: 'judge-picker-actions' }, [submit, close]),
    ]);
    this.judgeArea = h('div', { class: 'judge-area' }, [
      this.message,
      h('div', { class: 'judge-actions' }, [this.judgeButton, this.cancelButton]),
      this.blockedHint,
      this.picker,
    ]);
    this.element = h('section', { class: 'outcome', 'aria-labelledby': 'outcome-title', hidden: true }, [
      h('h2', { id: 'outcome-title', class: 'outcome-title', text: l10n.t('Outcome') }),
      this.tallyArea,
      this.verdictArea,
      this.judgeArea,
    ]);
    this.judgeButton.addEventListener('click', () => this.openPicker());
    this.cancelButton.addEventListener('click', () => events.cancel());
    close.addEventListener('click', () => this.closePicker());
    this.picker.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    this.picker.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.closePicker();
    });
    this.modelInput.addEventListener('input', () => this.renderModelStatus());
  }

  /** A judging of the debate shown is going on (Escape cancels it, as Cancel judging does). */
  get isJudging(): boolean {
    return stateFor(this.judge, this.view?.transcript ?? null)?.kind === 'judging';
  }

  /** The debate shown changed (any event but a token). */
  render(view: Pick<DebateView, 'transcript' | 'status' | 'access'>): void {
    this.view = view;
    this.draw();
  }

  /** The host's judge: the model it proposes, and where judging stands. */
  setJudge(judge: JudgeView | null): void {
    const cancelHadFocus = document.activeElement === this.cancelButton;
    this.judge = judge;
    this.draw();
    // The Cancel button goes with the judging: its focus goes to what the judging ended with.
    if (cancelHadFocus && this.cancelButton.hidden) this.message.focus({ preventScroll: true });
  }

  setModels(models: readonly ModelInfo[]): void {
    this.models = models;
    this.renderModelStatus();
  }

  setPull(model: string, state: PullState): void {
    this.pulls.set(model, state);
    this.draw();
  }

  private draw(): void {
    const transcript = this.view?.transcript ?? null;
    this.element.hidden = transcript === null || transcript.turns.length === 0;
    if (transcript === null) return;
    this.drawTally(transcript);
    this.drawVerdicts(transcript);
    this.drawJudge(transcript);
  }

  private drawTally(transcript: Transcript): void {
    const tally = tallyVotes(transcript.turns, transcript.speakers);
    const key = tally.statements === 0 ? '' : JSON.stringify(tally);
    if (key === this.tallyKey) return;
    this.tallyKey = key;
    this.tallyArea.replaceChildren(...(key === '' ? [] : [voteTallyElement(tally)]));
  }

  /** The newest verdict as a card, earlier ones folded (newest first); redrawn only when they change. */
  private drawVerdicts(transcript: Transcript): void {
    const verdicts = transcript.verdicts ?? [];
    const key = JSON.stringify([transcript.id, transcript.turns.length, verdicts]);
    if (key === this.verdictsKey) return;
    this.verdictsKey = key;
    const newest = verdicts.at(-1);
    const earlier = verdicts.slice(0, -1).reverse();
    this.verdictArea.replaceChildren(
      ...(newest === undefined ? [] : [verdictCard(newest, transcript.turns)]),
      ...(earlier.length === 0 ? [] : [h('details', { class: 'earlier-verdicts' }, [
        h('summary', { text: l10n.t('Earlier verdicts ({0})', earlier.length) }),
        ...earlier.map((verdict) => verdictCard(verdict, transcript.turns)),
      ])]),
    );
  }

  private drawJudge(transcript: Transcript): void {
    const view = this.view;
    if (view === null) return;
    const state = stateFor(this.judge, transcript);
    const judging = state?.kind === 'judging';
    const blocked = judgeBlockedReason(view);
    this.judgeArea.hidden = isRunningStatus(view.status) && !judging;
    this.message.replaceChildren(...(state === null ? [] : [this.stateElement(state)]));
    this.judgeButton.hidden = judging;
    this.cancelButton.hidden = !judging;
    this.judgeButton.disabled = blocked !== null;
    this.blockedHint.hidden = blocked === null || judging;
    this.blockedHint.textContent = blocked === null ? '' : l10n.t('Judging is not possible now: {0}.', blocked);
    if (blocked === null) this.judgeButton.removeAttribute('aria-describedby');
    else this.judgeButton.setAttribute('aria-describedby', this.blockedHint.id);
    if (judging || blocked !== null) this.pickerOpen = false;
    this.picker.hidden = !this.pickerOpen;
  }

  private stateElement(state: ShownState): HTMLElement {
    switch (state.kind) {
      case 'judging':
        return h('p', { class: 'judge-progress', role: 'status' }, [
          icon('loading codicon-modifier-spin'),
          h('span', { text: judgingStep(state) }),
          h('span', { class: 'judge-progress-model', text: state.model }),
        ]);
      case 'unavailable':
        return verdictUnavailable(state.model, state.reason);
      case 'failed':
        return this.failureElement(state);
      default: {
        const unexpected: never = state;
        throw new Error(`Unknown judging state: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** The judge could not be asked: the error, and its way out (Pull the missing model, Retry when Ollama did not answer). */
  private failureElement(state: Extract<ShownState, { kind: 'failed' }>): HTMLElement {
    const { error, model } = state;
    const actions: HTMLElement[] = [];
    const pull = this.pulls.get(model);
    if (error.kind === 'model-missing' && pull?.kind !== 'done') {
      if (pull?.kind !== 'progress') actions.push(this.actionButton('cloud-download', l10n.t('Pull {0}', model), () => this.events.pull(model)));
    } else if (error.kind === 'model-missing' || error.kind === 'unreachable') {
      actions.push(this.actionButton('refresh', l10n.t('Judge with {0}', model), () => this.events.judge(model)));
    }
    return h('div', { class: 'judge-failure', role: 'alert' }, [
      h('p', {}, [icon('error'), h('span', { text: l10n.t('No verdict: {0}', error.message) })]),
      actions.length === 0 ? null : h('div', { class: 'judge-actions' }, actions),
      error.kind === 'model-missing' && pull !== undefined ? pullStatusElement(model, pull) : null,
    ]);
  }

  private actionButton(codicon: string, label: string, action: () => void): HTMLButtonElement {
    const button = h('button', { type: 'button', class: 'secondary' }, [icon(codicon), label]);
    button.addEventListener('click', action);
    return button;
  }

  private openPicker(): void {
    const transcript = this.view?.transcript ?? null;
    this.pickerOpen = true;
    this.modelInput.value = proposedJudgeModel(this.judge?.model ?? '', this.models, transcript?.speakers ?? []);
    this.modelInput.removeAttribute('aria-invalid');
    this.renderModelStatus();
    this.draw();
    this.modelInput.focus();
    this.modelInput.select();
  }

  private closePicker(): void {
    this.pickerOpen = false;
    this.draw();
    this.judgeButton.focus();
  }

  private submit(): void {
    const model = this.modelInput.value.trim();
    if (model === '') {
      this.modelInput.setAttribute('aria-invalid', 'true');
      this.modelStatus.textContent = l10n.t('Choose the model that judges: an installed one, or type a name.');
      this.modelInput.focus();
      return;
    }
    this.pickerOpen = false;
    this.events.judge(model);
    this.draw();
    // The picker goes; the focus waits where the progress (and then the verdict) is said.
    this.message.focus({ preventScroll: true });
  }

  /** As a speaker's picker says it: the installed model's size, or that it is not installed (the host then offers the pull). */
  private renderModelStatus(): void {
    const typed = this.modelInput.value.trim();
    const installed = this.models === null ? undefined : findInstalledModel(this.models, typed);
    this.modelInput.removeAttribute('aria-invalid');
    if (typed === '' || this.models === null) this.modelStatus.replaceChildren(this.models === null ? '' : l10n.t('Pick an installed model.'));
    else if (installed !== undefined) this.modelStatus.replaceChildren(h('span', { class: 'model-details' }, [icon('check'), formatModelDetails(installed)]));
    else this.modelStatus.replaceChildren(h('span', { class: 'model-missing' }, [icon('warning'), l10n.t('Not installed: judging offers to pull it.')]));
  }
}
