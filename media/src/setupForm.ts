// The setup form: topic (with examples), speakers (each with its closed "More" settings:
// speakerMore.ts), exchanges, an AI moderator, turn
// order, stopping early (on repetition, on agreement), closing statements, and the Start
// and Export buttons (`actions`, which the panel keeps in its header, in reach at any
// height). While a debate runs it says that it sets up the next debate. A mistake is
// said next to its field, tied to it with aria-describedby. What needs an AI moderator
// (the moderator-picks order, stopping on agreement) is off, saying why, until one is
// chosen. Edits are saved as UI state so a hidden or reloaded panel comes back with the
// form as the user left it.
import type { DebateRequest } from '../../extension/contract/protocol';
import type { DebateError, ModelInfo, Tone } from '../../engine/types';
import { h, icon, iconButton } from './dom';
import { messageWithCode } from './errorBanner';
import { formatModelDetails, startRefusal } from './format';
import {
  addSpeaker, clampExchanges, EXAMPLE_TOPICS, isOrderKind, ORDER_CHOICES, removeSpeaker, REPETITION_RULE_TEXT, validateDraft,
  type FormDraft, type FormField,
} from './formRules';
import { withDefaultModels, type HostModelListing, type InstalledModel } from '../../extension/contract/installed-models';
import {
  MAX_PANEL_EXCHANGES, MAX_SPEAKERS, MAX_TOPIC_CHARS, MIN_PANEL_EXCHANGES, MIN_SPEAKERS,
} from '../../extension/contract/limits';
import type { PullState } from './pullStatus';
import { MODELS_DATALIST_ID, SpeakerRow, type HostModelsState } from './speakerRow';
import type { LineUpSpeakerChoice, PersonaOption, SuggestionState } from '../../extension/contract/protocol';
import { PersonaToolbar } from './personaToolbar';
import { AiModeratorPicker } from './aiModeratorPicker';
import { LanguagePicker } from './languagePicker';
import { hasModerator } from '../../extension/contract/moderator-choices';
import type { LanguageModelOption } from '../../extension/contract/language-models';
import * as l10n from './l10n';

/** The form's element id, for the disclosure that shows and hides it. */
export const SETUP_FORM_ID = 'setup';
const FIELD_ERROR_ID = 'form-error';
const ORDER_HINT_ID = 'turn-order-hint';
const ORDER_NEEDS_MODERATOR_ID = 'turn-order-needs-moderator';
const NEEDS_MODERATOR_TEXT = l10n.t('Needs an AI moderator: choose one above.');
const CONSENSUS_TEXT = l10n.t('After each round the AI moderator judges whether the speakers agree.');
const CLOSING_TEXT = l10n.t('After the last exchange each speaker gives a one-line final position and a short answer; the answers are tallied as a vote.');

export interface SetupFormEvents {
  start(request: DebateRequest): void;
  /** A field needs fixing: the form must be on screen before it takes the focus. */
  reveal(): void;
  export(): void;
  refreshModels(): void;
  pull(model: string): void;
  /** Lists the models on a speaker's own host (answered by `setHostModels`). */
  listHostModels(host: string): void;
  draftChanged(draft: FormDraft): void;
  /** Asks `model` for a line-up that fits `topic`. */
  suggestSpeakers(topic: string, model: string): void;
  /** Stops the suggestion, or dismisses the line-up or failure shown. */
  cancelSuggest(): void;
}

export class SetupForm {
  readonly element: HTMLElement;
  /** Start and Export, placed by the panel. */
  readonly actions: HTMLElement;
  private draft: FormDraft;
  private rows: SpeakerRow[] = [];
  private models: InstalledModel[] | null = null;
  private modelsError: DebateError | null = null;
  private host = '';
  private tones: Tone[] = [];
  private readonly pulls = new Map<string, PullState>();
  /** Speakers' own hosts, as typed: being listed, or their listing (asked again on Refresh). */
  private readonly hostModels = new Map<string, HostModelsState>();
  /** The chat models VS Code offers as speakers (each row's group under its Ollama model). */
  private languageModels: readonly LanguageModelOption[] = [];
  private running = false;

  private readonly topic = h('textarea', { id: 'topic', rows: 3, maxlength: MAX_TOPIC_CHARS, placeholder: l10n.t('What should the models debate?') });
  private readonly rowsContainer = h('div', { class: 'speaker-rows' });
  private readonly addButton = h('button', { type: 'button', class: 'secondary' }, [icon('add'), l10n.t('Add speaker')]);
  private readonly datalist = h('datalist', { id: MODELS_DATALIST_ID });
  private readonly modelsSummary = h('div', { class: 'models-summary', 'aria-live': 'polite' });
  private readonly exchanges = h('input', { id: 'exchanges', type: 'range', min: MIN_PANEL_EXCHANGES, max: MAX_PANEL_EXCHANGES, step: 1 });
  private readonly exchangesValue = h('output', { for: 'exchanges', class: 'range-value' });
  private readonly order = h('select', { id: 'turn-order', 'aria-describedby': ORDER_HINT_ID },
    ORDER_CHOICES.map(({ kind, label }) => h('option', { value: kind, text: label })));
  private readonly orderNeedsModerator = h('div', { id: ORDER_NEEDS_MODERATOR_ID, class: 'field-hint', text: l10n.t('Moderator picks needs an AI moderator: choose one above.') });
  private readonly moderator: AiModeratorPicker;
  /** Suggest speakers, For / Against, Recent line-ups (personaToolbar.ts). */
  private readonly lineUpTools: PersonaToolbar;
  private personas: readonly PersonaOption[] = [];
  private readonly languagePicker: LanguagePicker;
  private readonly stopOnRepetition = h('input', {
    id: 'stop-on-repetition', type: 'checkbox', 'aria-describedby': 'stop-on-repetition-hint', title: REPETITION_RULE_TEXT,
  });
  private readonly stopOnConsensus = h('input', { id: 'stop-on-consensus', type: 'checkbox', 'aria-describedby': 'stop-on-consensus-hint' });
  private readonly consensusHint = h('div', { id: 'stop-on-consensus-hint', class: 'field-hint' });
  private readonly closingStatements = h('input', {
    id: 'closing-statements', type: 'checkbox', 'aria-describedby': 'closing-statements-hint', title: CLOSING_TEXT,
  });
  private readonly startButton = h('button', { type: 'button', class: 'primary', title: l10n.t('Start debate (Ctrl+Enter)') }, [icon('play'), l10n.t('Start debate')]);
  private readonly nextNote = h('p', { id: 'setup-for-next', class: 'setup-for-next', hidden: true }, [
    icon('info'), h('span', { text: l10n.t('A debate is running. Changes here set up the next debate; they do not change this one.') }),
  ]);
  private readonly replaceNote = h('p', { id: 'start-replaces', class: 'field-hint', hidden: true, text: l10n.t('Starting replaces the debate shown here; it stays in the Debates view.') });
  private readonly exportButton = h('button', { type: 'button', class: 'secondary' }, [icon('markdown'), l10n.t('Export to Markdown')]);
  private readonly fieldError = h('div', { id: FIELD_ERROR_ID, class: 'form-error', role: 'alert' });
  /** The field the error is said for, if any. */
  private invalidField: HTMLElement | null = null;

  constructor(initial: FormDraft, private readonly events: SetupFormEvents) {
    this.draft = initial;
    this.lineUpTools = new PersonaToolbar({
      draft: () => this.draft,
      toneNames: () => this.tones.map((tone) => tone.name),
      apply: (draft) => {
        this.setDraft(draft);
        this.events.draftChanged(this.draft);
      },
      suggest: (topic, model) => events.suggestSpeakers(topic, model),
      cancelSuggest: () => events.cancelSuggest(),
    });
    this.moderator = new AiModeratorPicker(initial.moderatorModel ?? '', {
      change: () => {
        // Choosing None drops the stop on agreement rather than leave a box that can't be cleared.
        if (!hasModerator({ moderatorModel: this.moderator.model })) this.stopOnConsensus.checked = false;
        this.readForm();
      },
      pull: (model) => events.pull(model),
    });
    this.languagePicker = new LanguagePicker(initial.language ?? '', { change: () => this.readForm() });
    const refresh = iconButton('refresh', l10n.t('Refresh models'));
    refresh.addEventListener('click', () => {
      this.hostModels.clear();
      events.refreshModels();
      this.updateRows();
    });
    const examples = EXAMPLE_TOPICS.map((topic) => {
      const chip = h('button', { type: 'button', class: 'chip', text: topic });
      chip.addEventListener('click', () => {
        this.topic.value = topic;
        this.topic.focus();
        this.readForm();
      });
      return chip;
    });

    this.element = h('section', { id: SETUP_FORM_ID, class: 'setup', 'aria-label': l10n.t('Debate setup') }, [
      this.nextNote,
      h('div', { class: 'field' }, [
        h('label', { for: 'topic', text: l10n.t('Topic') }),
        this.topic,
        h('div', { class: 'examples', role: 'group', 'aria-label': l10n.t('Example topics') }, [h('span', { class: 'examples-label', text: l10n.t('Try:') }), ...examples]),
      ]),
      h('div', { class: 'section-header' }, [h('h2', { text: l10n.t('Speakers') }), refresh]),
      this.modelsSummary,
      this.lineUpTools.element,
      this.rowsContainer,
      this.addButton,
      this.datalist,
      h('div', { class: 'field' }, [
        h('div', { class: 'range-label' }, [h('label', { for: 'exchanges', text: l10n.t('Exchanges') }), this.exchangesValue]),
        this.exchanges,
        h('div', { class: 'field-hint', text: l10n.t('Each speaker speaks once per exchange.') }),
      ]),
      this.languagePicker.element,
      this.moderator.element,
      h('div', { class: 'field' }, [
        h('label', { for: 'turn-order', text: l10n.t('Order') }),
        this.order,
        h('div', { id: ORDER_HINT_ID, class: 'field-hint', text: l10n.t('Who speaks when within each exchange.') }),
        this.orderNeedsModerator,
      ]),
      h('div', { class: 'field' }, [
        h('div', { class: 'checkbox-field' }, [
          this.stopOnRepetition,
          h('label', { for: 'stop-on-repetition', title: REPETITION_RULE_TEXT, text: l10n.t('Stop early when a speaker repeats itself') }),
        ]),
        h('div', { id: 'stop-on-repetition-hint', class: 'field-hint', text: l10n.t('Repetition: {0}.', REPETITION_RULE_TEXT) }),
      ]),
      h('div', { class: 'field' }, [
        h('div', { class: 'checkbox-field' }, [this.stopOnConsensus, h('label', { for: 'stop-on-consensus', text: l10n.t('Stop when the speakers agree') })]),
        this.consensusHint,
      ]),
      h('div', { class: 'field' }, [
        h('div', { class: 'checkbox-field' }, [
          this.closingStatements,
          h('label', { for: 'closing-statements', title: CLOSING_TEXT, text: l10n.t('Closing statements and a vote') }),
        ]),
        h('div', { id: 'closing-statements-hint', class: 'field-hint', text: CLOSING_TEXT }),
      ]),
      this.replaceNote,
    ]);
    this.actions = h('div', { class: 'setup-actions' }, [this.startButton, this.exportButton]);

    this.topic.addEventListener('input', () => this.readForm());
    this.exchanges.addEventListener('input', () => this.readForm());
    this.order.addEventListener('change', () => this.readForm());
    for (const box of [this.stopOnRepetition, this.stopOnConsensus, this.closingStatements]) box.addEventListener('change', () => this.readForm());
    this.addButton.addEventListener('click', () => {
      this.setDraft(addSpeaker(this.draft, this.tones.map((tone) => tone.name)));
      this.events.draftChanged(this.draft);
      this.rows[this.rows.length - 1]?.modelInput.focus();
    });
    this.startButton.addEventListener('click', () => this.submit());
    this.exportButton.addEventListener('click', () => events.export());
    this.setDraft(initial);
    this.setRunning(false, false);
  }

  /** Validates and posts `start`; on a mistake, says what to fix and focuses that field. */
  submit(): void {
    if (this.running) return;
    const result = validateDraft(this.draft);
    if (result.ok) {
      this.clearFieldError();
      this.events.start(result.request);
      return;
    }
    this.events.reveal();
    const field = this.fieldElement(result.field);
    this.showFieldError(field, startRefusal(result, this.modelsError));
    field.focus();
  }

  /** Focuses the topic with its text selected, so typing replaces it (a topic a command suggested). */
  focusTopic(): void {
    this.topic.focus();
    this.topic.select();
  }

  setDraft(draft: FormDraft): void {
    this.clearFieldError();
    this.draft = draft;
    this.topic.value = draft.topic;
    this.exchanges.value = String(draft.exchanges);
    this.exchangesValue.value = String(draft.exchanges);
    this.order.value = draft.order ?? 'round-robin';
    this.stopOnRepetition.checked = draft.stopOnRepetition === true;
    this.moderator.model = draft.moderatorModel ?? '';
    this.stopOnConsensus.checked = draft.stopOnConsensus === true;
    this.closingStatements.checked = draft.closingStatements === true;
    // Set only when it differs: "Other…" with nothing typed yet reads as English and must stay open.
    if (this.languagePicker.language !== (draft.language ?? '')) this.languagePicker.language = draft.language ?? '';
    this.showModeratorNeeds();
    this.rows = draft.speakers.map((speaker, index) => new SpeakerRow(index, speaker, {
      change: (i, value) => this.updateDraft({ ...this.draft, speakers: this.draft.speakers.map((old, j) => (j === i ? value : old)) }),
      remove: (i) => {
        this.setDraft(removeSpeaker(this.draft, i));
        this.events.draftChanged(this.draft);
        (this.rows[Math.min(i, this.rows.length - 1)]?.modelInput ?? this.addButton).focus();
      },
      pull: (model) => this.events.pull(model),
      listHostModels: (host) => {
        this.hostModels.set(host, 'listing');
        this.events.listHostModels(host);
        this.updateRows();
      },
    }));
    this.rowsContainer.replaceChildren(...this.rows.map((row) => row.element));
    this.updateRows();
    this.lineUpTools.refresh();
  }

  /** The personas the tone pickers offer (choosing one fills in its stance and role). */
  setPersonas(personas: readonly PersonaOption[]): void {
    this.personas = personas;
    this.updateRows();
  }

  setRecentLineUps(lineUps: LineUpSpeakerChoice[][]): void {
    this.lineUpTools.setRecentLineUps(lineUps);
  }

  setSuggestion(suggestion: SuggestionState): void {
    this.lineUpTools.setSuggestion(suggestion);
  }

  setTones(tones: Tone[]): void {
    this.tones = tones;
    this.updateRows();
    // Filling the pickers may have chosen a tone for an empty row.
    this.readForm();
  }

  setModels(models: InstalledModel[], host: string): void {
    this.models = models;
    this.modelsError = null;
    this.host = host;
    this.datalist.replaceChildren(...models.map((model) => h('option', { value: model.name, label: formatModelDetails(model) })));
    this.renderModelsSummary();
    this.updateRows();
    this.takeRowSettings();
    this.lineUpTools.setModels(models);
    this.fillEmptyModels(models);
  }

  /** The chat models VS Code offers as speakers changed. */
  setLanguageModels(models: readonly LanguageModelOption[]): void {
    this.languageModels = models;
    this.updateRows();
  }

  /** The models on a speaker's own host (as typed), or why they could not be listed. */
  setHostModels(host: string, listing: HostModelListing): void {
    this.hostModels.set(host, listing);
    this.updateRows();
    this.takeRowSettings();
  }

  /** The models' capabilities now known may have taken a thinking choice away (a model that can't reason): the draft follows the rows. */
  private takeRowSettings(): void {
    const speakers = this.rows.map((row) => row.speaker);
    if (JSON.stringify(speakers.map((speaker) => speaker.thinking)) !== JSON.stringify(this.draft.speakers.map((speaker) => speaker.thinking))) {
      this.updateDraft({ ...this.draft, speakers });
    }
  }

  setModelsError(error: DebateError): void {
    this.modelsError = error;
    this.renderModelsSummary();
  }

  setHost(host: string): void {
    this.host = host;
    this.renderModelsSummary();
  }

  setPull(model: string, state: PullState): void {
    this.pulls.set(model, state);
    this.updateRows();
  }

  /** While a debate runs the form says it sets up the next one; once one is shown, Start says it replaces it on screen (not in the library). */
  setRunning(running: boolean, hasDebate: boolean): void {
    this.running = running;
    this.element.classList.toggle('for-next', running);
    this.nextNote.hidden = !running;
    this.startButton.disabled = running;
    this.replaceNote.hidden = running || !hasDebate;
    if (running || !hasDebate) this.startButton.removeAttribute('aria-describedby');
    else this.startButton.setAttribute('aria-describedby', 'start-replaces');
  }

  /** Export is off, its tooltip saying why (`reason`), while the debate has no turn. */
  setExportable(reason: string | null): void {
    this.exportButton.disabled = reason !== null;
    if (reason === null) this.exportButton.removeAttribute('title');
    else this.exportButton.title = reason;
  }

  private renderModelsSummary(): void {
    // The panel's error banner says why, with Retry and Open Settings: one place for the error.
    if (this.modelsError !== null) {
      this.modelsSummary.className = 'models-summary';
      this.modelsSummary.replaceChildren(icon('warning'), l10n.t('No models listed from {0}: the error message says what to do.', this.host));
      return;
    }
    this.modelsSummary.className = 'models-summary';
    if (this.models === null) {
      this.modelsSummary.replaceChildren(icon('loading codicon-modifier-spin'), l10n.t('Looking for models on {0}…', this.host));
    } else if (this.models.length === 0) {
      this.modelsSummary.replaceChildren(icon('info'), l10n.t('No models installed on {0}. Type a model name (e.g. llama3.2:1b) to pull it.', this.host));
    } else {
      const count = this.models.length;
      this.modelsSummary.replaceChildren(count === 1 ? l10n.t('1 model installed on {0}', this.host) : l10n.t('{0} models installed on {1}', count, this.host));
    }
  }

  private updateRows(): void {
    const context = {
      models: this.models, host: this.host, tones: this.tones, personas: this.personas, pulls: this.pulls, canRemove: this.rows.length > MIN_SPEAKERS,
      hostModels: this.hostModels, languageModels: this.languageModels,
    };
    for (const row of this.rows) row.update(context);
    this.moderator.update(context);
    this.addButton.disabled = this.rows.length >= MAX_SPEAKERS;
  }

  /** Rows still without a model get installed ones; what the user typed or restored stays. */
  private fillEmptyModels(models: readonly ModelInfo[]): void {
    const speakers = withDefaultModels(this.draft.speakers, models);
    if (speakers === this.draft.speakers) return;
    speakers.forEach((speaker, index) => this.rows[index]?.setModel(speaker.model));
    this.updateDraft({ ...this.draft, speakers });
  }

  private readForm(): void {
    const exchanges = clampExchanges(Number(this.exchanges.value));
    this.exchangesValue.value = String(exchanges);
    const order = isOrderKind(this.order.value) ? this.order.value : 'round-robin';
    this.updateDraft({
      topic: this.topic.value, speakers: this.rows.map((row) => row.speaker), exchanges, order, stopOnRepetition: this.stopOnRepetition.checked,
      moderatorModel: this.moderator.model,
      stopOnConsensus: this.stopOnConsensus.checked,
      closingStatements: this.closingStatements.checked,
      language: this.languagePicker.language,
    });
    // After the field error is cleared, so the order's description is set whole.
    this.showModeratorNeeds();
  }

  /**
   * Without an AI moderator, the moderator-picks order and the stop on agreement are off, each saying why (its
   * tooltip and description). Either chosen before (a restored draft, an order kept when the moderator went) stays
   * as it was: Start then says what to fix.
   */
  private showModeratorNeeds(): void {
    const moderated = hasModerator({ moderatorModel: this.moderator.model });
    const option = [...this.order.options].find((candidate) => candidate.value === 'moderator');
    if (option !== undefined) {
      option.disabled = !moderated;
      if (moderated) option.removeAttribute('title');
      else option.title = NEEDS_MODERATOR_TEXT;
    }
    this.orderNeedsModerator.hidden = moderated;
    this.order.setAttribute('aria-describedby', moderated ? ORDER_HINT_ID : `${ORDER_HINT_ID} ${ORDER_NEEDS_MODERATOR_ID}`);
    this.stopOnConsensus.disabled = !moderated;
    const consensusText = moderated ? CONSENSUS_TEXT : NEEDS_MODERATOR_TEXT;
    this.consensusHint.textContent = consensusText;
    this.stopOnConsensus.title = consensusText;
  }

  private updateDraft(draft: FormDraft): void {
    this.draft = draft;
    this.lineUpTools.refresh();
    this.clearFieldError();
    this.events.draftChanged(draft);
  }

  /** Says what to fix right after the field, as its description (read before its own hint). */
  private showFieldError(field: HTMLElement, message: string): void {
    this.clearFieldError();
    this.fieldError.replaceChildren(icon('error'), h('span', {}, messageWithCode(message)));
    field.after(this.fieldError);
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', [FIELD_ERROR_ID, ...describedBy(field)].join(' '));
    this.invalidField = field;
  }

  private clearFieldError(): void {
    this.fieldError.remove();
    const field = this.invalidField;
    if (field === null) return;
    this.invalidField = null;
    field.removeAttribute('aria-invalid');
    const rest = describedBy(field).filter((id) => id !== FIELD_ERROR_ID);
    if (rest.length === 0) field.removeAttribute('aria-describedby');
    else field.setAttribute('aria-describedby', rest.join(' '));
  }

  private fieldElement(field: FormField): HTMLElement {
    if (field === 'topic') return this.topic;
    if (field === 'order') return this.order;
    if (field === 'moderator') return this.moderator.select;
    if (field === 'language') return this.languagePicker.field;
    const [, index, part] = field.split('.') as [string, string, Parameters<SpeakerRow['control']>[0]];
    return this.rows[Number(index)]?.control(part) ?? this.topic;
  }
}

function describedBy(element: HTMLElement): string[] {
  return (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id !== '');
}
