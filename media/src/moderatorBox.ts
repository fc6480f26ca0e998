// The moderator's box, open while the debate waits for the person (paused, or after
// Interject): a note every later speaker receives, how many exchanges are left, who
// speaks next, then Resume or End debate. It posts one `resume` with what changed.
import type { Transcript } from '../../engine/types';
import { nextSpeakerAt } from '../../extension/contract/debate-rules';
import { MAX_MODERATOR_NOTE_CHARS, MAX_TOTAL_EXCHANGES } from '../../extension/contract/limits';
import type { ModeratorDecision } from '../../extension/contract/protocol';
import { h, icon } from './dom';
import * as l10n from './l10n';

export interface ModeratorBoxEvents {
  resume(decision: ModeratorDecision): void;
}

/** Where the waiting debate stands: who would speak next, and the exchanges left counting the one under way. */
interface Standing {
  round: number;
  /** The place in the round (0: the round has not begun). */
  position: number;
  /** Who speaks at that place. */
  speakerIndex: number;
  left: number;
}

function standingOf(transcript: Transcript): Standing {
  const { round, position, speakerIndex } = nextSpeakerAt(transcript);
  return { round, position, speakerIndex, left: Math.max(0, transcript.exchanges - round + 1) };
}

export class ModeratorBox {
  readonly element: HTMLElement;
  private readonly note = h('textarea', {
    id: 'moderator-note', rows: 3, maxlength: MAX_MODERATOR_NOTE_CHARS,
    placeholder: l10n.t('Optional. E.g. "Both of you: address the cost next."'), 'aria-describedby': 'moderator-note-hint',
  });
  private readonly next = h('select', { id: 'moderator-next' });
  private readonly left = h('input', { id: 'moderator-left', type: 'number', step: 1, 'aria-describedby': 'moderator-left-hint' });
  private readonly leftHint = h('div', { id: 'moderator-left-hint', class: 'field-hint' });
  private readonly resumeButton = h('button', { type: 'button', class: 'primary', title: l10n.t('Resume (Ctrl+Enter)') }, [icon('debug-continue'), l10n.t('Resume')]);
  private readonly endButton = h('button', { type: 'button', class: 'secondary' }, [icon('debug-stop'), l10n.t('End debate')]);
  private standing: Standing = { round: 1, position: 0, speakerIndex: 0, left: 1 };
  /** The debate the fields were filled for: the person's edits stay while the same pause is shown again. */
  private filledFor: string | null = null;

  constructor(private readonly events: ModeratorBoxEvents) {
    this.element = h('section', { class: 'moderator-box', 'aria-labelledby': 'moderator-heading', tabindex: -1, hidden: true }, [
      h('h2', { id: 'moderator-heading', class: 'moderator-heading' }, [icon('megaphone'), l10n.t('The debate waits for you, the moderator')]),
      h('div', { class: 'field' }, [
        h('label', { for: 'moderator-note', text: l10n.t('Note to the speakers') }),
        this.note,
        h('div', { id: 'moderator-note-hint', class: 'field-hint', text: l10n.t('Every later speaker receives it, labelled as the moderator\'s.') }),
      ]),
      h('div', { class: 'moderator-fields' }, [
        h('div', { class: 'field' }, [h('label', { for: 'moderator-next', text: l10n.t('Who speaks next') }), this.next]),
        h('div', { class: 'field' }, [h('label', { for: 'moderator-left', text: l10n.t('Exchanges left') }), this.left, this.leftHint]),
      ]),
      h('div', { class: 'actions' }, [this.resumeButton, this.endButton]),
    ]);
    this.resumeButton.addEventListener('click', () => this.resume());
    this.endButton.addEventListener('click', () => this.events.resume({ ...this.noteField(), end: true }));
    this.next.addEventListener('change', () => this.updateLeftBounds());
  }

  /** Opens the box for the waiting debate, or (null) closes it. */
  show(transcript: Transcript | null): void {
    this.element.hidden = transcript === null;
    if (transcript === null) {
      this.filledFor = null;
      return;
    }
    const key = `${transcript.id}:${transcript.turns.length}:${transcript.exchanges}`;
    if (key === this.filledFor) return;
    this.filledFor = key;
    this.standing = standingOf(transcript);
    this.note.value = '';
    this.next.replaceChildren(...transcript.speakers.map((speaker, index) =>
      h('option', { value: index, text: `${speaker.name} (${speaker.model}, ${speaker.tone})` })));
    this.next.value = String(this.standing.speakerIndex);
    this.left.value = String(this.standing.left);
    this.updateLeftBounds();
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Puts the cursor in the note (after Interject). */
  focusNote(): void {
    this.note.focus();
  }

  /** Posts `resume` with what the person changed (fields left as they were are not sent). */
  resume(): void {
    const decision: ModeratorDecision = this.noteField();
    const nextSpeaker = Number(this.next.value);
    if (nextSpeaker !== this.standing.speakerIndex) decision.nextSpeaker = nextSpeaker;
    const typed = Math.round(Number(this.left.value));
    const left = Math.min(Number(this.left.max), Math.max(Number(this.left.min), Number.isFinite(typed) ? typed : this.standing.left));
    if (left !== this.standing.left) decision.exchanges = this.standing.round - 1 + left;
    this.events.resume(decision);
  }

  private noteField(): ModeratorDecision {
    const note = this.note.value.trim();
    return note === '' ? {} : { note };
  }

  /**
   * The fewest exchanges left: the one under way can't be dropped, except that a debate waiting
   * between exchanges may end there (when the next speaker is left as it is).
   */
  private updateLeftBounds(): void {
    const { round, position, speakerIndex } = this.standing;
    const betweenExchanges = position === 0 && Number(this.next.value) === speakerIndex && round > 1;
    const least = betweenExchanges ? 0 : 1;
    this.left.min = String(least);
    this.left.max = String(MAX_TOTAL_EXCHANGES - round + 1);
    const spoken = round - 1;
    this.leftHint.textContent = position > 0
      ? (spoken === 1 ? l10n.t('1 exchange spoken so far, one under way.') : l10n.t('{0} exchanges spoken so far, one under way.', spoken))
      : (spoken === 1 ? l10n.t('1 exchange spoken so far.') : l10n.t('{0} exchanges spoken so far.', spoken));
  }
}
