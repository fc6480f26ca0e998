// A panel's share of personas: the personas its tone pickers offer, the recent line-ups its
// set-up offers (remembered when a debate starts here, heard of when one starts in another
// panel), and its "Suggest speakers". The panel (extension/debate/panel.ts) routes the
// messages and the start here; what every panel shares comes in PersonaServices.
import type { DebateRequest, HostMessage, PanelSnapshot, PersonaOption, WebviewMessage } from '../contract/protocol';
import type { Logger } from '../log';
import type { ModelListing } from '../models/model-catalog';
import type { Tone } from '../../engine/types';
import { RecentLineUps, type RecentLineUpsMemento } from './recent-lineups-store';
import { SpeakerSuggestions, type SuggestSpeakers } from './speaker-suggestions';

/** What every panel shares: the personas from settings, the recent line-ups' store, the way to ask for a line-up. */
export interface PersonaServices {
  personas(): PersonaOption[];
  recentLineUps: RecentLineUps;
  suggest: SuggestSpeakers;
}

/** The engine's suggestSpeakers, loaded on first use (activation stays light). */
export const engineSuggest: SuggestSpeakers = async (request) => (await import('../../engine/personas/suggest-speakers')).suggestSpeakers(request);

/** A memento kept in memory: line-ups remembered for this session only. */
function memoryMemento(): RecentLineUpsMemento {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), update: async (key, value) => void values.set(key, value) };
}

/** Services for a panel given none (tests, tools): no personas, line-ups remembered in memory, the engine asked. */
export function memoryPersonaServices(log: Logger): PersonaServices {
  return { personas: () => [], recentLineUps: new RecentLineUps(memoryMemento(), log), suggest: engineSuggest };
}

export interface PanelPersonaDeps {
  post(message: HostMessage): void;
  log: Logger;
  listModels(): Promise<ModelListing>;
  customTones(): readonly Tone[];
}

type PersonaMessage = Extract<WebviewMessage, { type: 'suggest-speakers' | 'cancel-suggest' }>;

export class PanelPersonas {
  private readonly suggestions: SpeakerSuggestions;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly services: PersonaServices,
    private readonly deps: PanelPersonaDeps,
  ) {
    this.suggestions = new SpeakerSuggestions({
      listModels: deps.listModels,
      suggest: services.suggest,
      customTones: deps.customTones,
      post: (suggestion) => deps.post({ type: 'suggestion', suggestion }),
      log: deps.log,
    });
    this.unsubscribe = services.recentLineUps.subscribe((lineUps) => deps.post({ type: 'recent-lineups', lineUps }));
  }

  /** The panel's snapshot parts. */
  snapshot(): Pick<PanelSnapshot, 'personas' | 'recentLineUps' | 'suggestion'> {
    return { personas: this.services.personas(), recentLineUps: this.services.recentLineUps.list(), suggestion: this.suggestions.state };
  }

  handle(message: PersonaMessage): Promise<void> {
    if (message.type === 'cancel-suggest') {
      this.suggestions.cancel();
      return Promise.resolve();
    }
    return this.suggestions.suggest(message.topic, message.model);
  }

  /** A debate starts here: its line-up is remembered (every panel hears of it). */
  started(request: DebateRequest): void {
    void this.services.recentLineUps.remember(request);
  }

  /** Settings changed: the personas may differ. */
  settingsChanged(): void {
    this.deps.post({ type: 'personas', personas: this.services.personas() });
  }

  dispose(): void {
    this.unsubscribe();
    this.suggestions.dispose();
  }
}
