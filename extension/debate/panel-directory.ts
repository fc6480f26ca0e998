// The open debate panels as the rest of the extension asks for them (DebatePanels:
// the Debates view, and a panel's own Branch and open-debate links): a debate is
// shown in at most one panel of this window; opening it again focuses that panel.
// No VS Code import: the registry (panel-registry.ts) creates and reveals the panels.
import type { SpeakerConfig, Tone } from '../../engine/types';
import type { DebatePanels } from '../library/debate-panels';
import type { JudgeOutcome } from '../judge/judge-runner';
import type { JudgeRunHooks } from '../judge/panel-judge';
import { errorMessage, type Logger } from '../log';
import { ID_PATTERN } from '../contract/protocol';
import type { DebatePanel } from './panel';
import type { DebateLibraryAccess } from './session-controller';
import * as l10n from '../contract/l10n';

/** One open panel as the directory knows it. */
export interface OpenPanel {
  readonly panel: DebatePanel;
  /** Brings the panel to the front. */
  reveal(): void;
}

export interface DirectoryServices {
  /** Opens a new panel on debate `debateId` of the library (or, null, an empty one) and lists it here. */
  create(debateId: string | null): OpenPanel;
  library: DebateLibraryAccess;
  log: Logger;
  /** Tells the person what could not be done (a notification). */
  warn(message: string): void;
  /** The custom tones of the settings, which a branch's new speakers may take. */
  customTones(): Tone[];
}

/** The debate id a restored panel showed, from the state its webview kept (VS Code hands it to the serializer); null if none. */
export function debateIdFromState(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('debateId' in state)) return null;
  const id: unknown = state.debateId;
  return typeof id === 'string' && ID_PATTERN.test(id) ? id : null;
}

export class PanelDirectory implements DebatePanels {
  private readonly panels = new Set<OpenPanel>();

  constructor(private readonly services: DirectoryServices) {}

  add(opened: OpenPanel): void {
    this.panels.add(opened);
  }

  remove(opened: OpenPanel): void {
    this.panels.delete(opened);
  }

  /** The panel showing debate `id`, if one does. */
  showing(id: string): OpenPanel | undefined {
    for (const opened of this.panels) if (opened.panel.debateId === id) return opened;
    return undefined;
  }

  /** Focuses the panel showing the debate, else opens one on it; resolves once the debate is read. */
  async openDebate(id: string): Promise<void> {
    const shown = this.showing(id);
    if (shown !== undefined) {
      shown.reveal();
      await shown.panel.ready;
      return;
    }
    await this.services.create(id).panel.ready;
  }

  /** Opens the debate and runs it on; resolves when the run ends. */
  async continueDebate(id: string, exchanges?: number): Promise<void> {
    await this.openDebate(id);
    const shown = this.showing(id);
    if (shown === undefined) return;
    if (shown.panel.isRunning) {
      this.services.warn(l10n.t('This debate is already running in its panel.'));
      return;
    }
    await shown.panel.continueDebate(exchanges);
  }

  /**
   * A new debate sharing the first `atTurn` turns of debate `id`, opened in a new panel and
   * run to its planned exchanges (a branch after the last planned turn waits for Continue).
   * Resolves when that run ends.
   */
  async branchDebate(id: string, atTurn: number, speakers?: (SpeakerConfig | undefined)[]): Promise<void> {
    const opening = await this.services.library.open();
    if (!opening.ok) {
      this.services.warn(opening.message);
      return;
    }
    const { sessions, store } = opening.library;
    let branchId: string;
    try {
      // A turn cut off by a reload or crash is recorded first, so turns count as the panel shows them
      // (read afresh: another process may have written the debate since this one read it).
      store.refresh(id);
      await sessions.recoverIfCutOff(id);
      branchId = await sessions.branch(id, { atTurn, ...(speakers !== undefined && { speakers, customTones: this.services.customTones() }) });
    } catch (error) {
      this.services.warn(l10n.t('The branch was not made: {0}', errorMessage(error)));
      return;
    }
    this.services.log.info(`Debate ${branchId} branched from debate ${id} after turn ${atTurn}.`);
    this.services.library.changed();
    const { panel } = this.services.create(branchId);
    await panel.ready;
    if (panel.transcript?.outcome === 'complete') return;
    await panel.continueDebate();
  }

  /** Opens the debate and judges it in its panel; resolves with how the judging ended. */
  async judgeDebate(id: string, model: string, hooks?: JudgeRunHooks): Promise<JudgeOutcome> {
    await this.openDebate(id);
    const shown = this.showing(id);
    if (shown === undefined) return { kind: 'failed', error: { kind: 'unknown', message: l10n.t('Debate {0} could not be opened to judge it.', id) } };
    return shown.panel.judge(model, hooks);
  }

  /** Panels showing the deleted debate say so. */
  debateDeleted(id: string): void {
    for (const opened of this.panels) if (opened.panel.debateId === id) opened.panel.debateDeleted();
  }
}
