// "Suggest speakers" for one panel: the model the person's first speaker uses (installed, chosen
// by them, so nothing new has to load) is asked for a line-up that fits the topic among the
// installed models and the known tones (engine/personas/suggest-speakers.ts). One suggestion at a
// time; Cancel (or the panel closing) aborts it. Every failure (Ollama not answering, the model
// not installed, no usable answer) becomes a state with the reason; the form is the webview's to
// change, and only when the person accepts.
import type { SuggestRequest, SuggestResult } from '../../engine/personas/suggest-speakers';
import type { Tone } from '../../engine/types';
import { findInstalledModel } from '../contract/installed-models';
import * as l10n from '../contract/l10n';
import type { LineUpSpeakerChoice, SuggestionState } from '../contract/protocol';
import { errorMessage, type Logger } from '../log';
import type { ModelListing } from '../models/model-catalog';

export type SuggestSpeakers = (request: SuggestRequest) => Promise<SuggestResult>;

export interface SuggestionDeps {
  listModels(): Promise<ModelListing>;
  suggest: SuggestSpeakers;
  /** The custom tones and personas a line-up may use besides the built-in tones. */
  customTones(): readonly Tone[];
  post(state: SuggestionState): void;
  log: Logger;
}

/** Pure: a suggested speaker as the form takes it: its part only. */
function choiceOf(speaker: LineUpSpeakerChoice): LineUpSpeakerChoice {
  const { name, model, tone, stance, role } = speaker;
  return { name, model, tone, ...(stance !== undefined && { stance }), ...(role !== undefined && { role }) };
}

export class SpeakerSuggestions {
  private current: SuggestionState = { kind: 'idle' };
  private running: AbortController | null = null;

  constructor(private readonly deps: SuggestionDeps) {}

  get state(): SuggestionState {
    return this.current;
  }

  /** Asks `model` for a line-up fitting `topic`; resolves when the suggestion ends (a newer one replaces it). */
  async suggest(topic: string, model: string): Promise<void> {
    this.running?.abort();
    const abort = new AbortController();
    this.running = abort;
    this.set({ kind: 'suggesting', model });
    const state = await this.ask(topic, model, abort.signal).catch((error: unknown): SuggestionState => ({ kind: 'failed', model, reason: errorMessage(error) }));
    if (this.running !== abort) return;
    this.running = null;
    if (abort.signal.aborted) return;
    if (state.kind === 'failed') this.deps.log.warn(`Suggest speakers (${model}): ${state.reason}`);
    this.set(state);
  }

  /** Stops the suggestion going on, or forgets the line-up or failure shown (accepted or dismissed): the form stays as it is. */
  cancel(): void {
    this.running?.abort();
    this.running = null;
    if (this.current.kind !== 'idle') this.set({ kind: 'idle' });
  }

  /** The panel closed: stop asking. */
  dispose(): void {
    this.running?.abort();
    this.running = null;
  }

  private async ask(topic: string, model: string, signal: AbortSignal): Promise<SuggestionState> {
    const listing = await this.deps.listModels();
    if (!listing.ok) return { kind: 'failed', model, reason: listing.error.message };
    const installed = findInstalledModel(listing.models, model);
    if (installed === undefined) {
      return { kind: 'failed', model, reason: l10n.t('{0} is not installed on {1}: pull it, or choose an installed model for Speaker 1, which suggests the line-up.', model, listing.host) };
    }
    const result = await this.deps.suggest({
      host: listing.host,
      model: installed.name,
      topic,
      installedModels: listing.models.map((candidate) => candidate.name),
      customTones: this.deps.customTones(),
      signal,
    });
    return result.ok ? { kind: 'suggested', model: installed.name, speakers: result.speakers.map(choiceOf) } : { kind: 'failed', model: installed.name, reason: result.reason };
  }

  private set(state: SuggestionState): void {
    this.current = state;
    this.deps.post(state);
  }
}
