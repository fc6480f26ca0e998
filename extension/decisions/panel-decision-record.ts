// "Export Decision Record" in one debate panel: exports the debate shown through the
// extension's exporter (register.ts), tells the webview how it goes (working, written with its
// location, or why not) and keeps what it said, so a reloaded webview draws it again. The
// records it wrote are the only ones its "open" link opens. No VS Code import.
import { offersDecisionRecord, type DecisionRecordState } from '../contract/decision-record';
import type { DebateView, HostMessage } from '../contract/protocol';
import { errorMessage, type Logger } from '../log';
import * as l10n from '../contract/l10n';

/** How an export the panel asked for ended: written (its location as shown, and how to open it again), failed, or cancelled. */
export type PanelRecordOutcome =
  | { kind: 'written'; location: string; open(): Promise<void> }
  | { kind: 'failed'; reason: string }
  | { kind: 'cancelled' };

/** What a panel asks of the extension: export debate `debateId` (`again` runs it anew from a failure's Retry). */
export interface DecisionRecordExporter {
  export(debateId: string, again: () => void): Promise<PanelRecordOutcome>;
}

export interface PanelDecisionRecordDeps {
  /** Absent: this host can't write records (the panel says so). */
  exporter: DecisionRecordExporter | undefined;
  /** The debate the panel shows now. */
  view(): DebateView;
  post(message: HostMessage): void;
  log: Logger;
}

const IDLE: DecisionRecordState = { kind: 'idle' };

export class PanelDecisionRecord {
  private state: DecisionRecordState = IDLE;
  /** The records this panel wrote, by their location as shown: the link opens only these. */
  private readonly written = new Map<string, () => Promise<void>>();

  constructor(private readonly deps: PanelDecisionRecordDeps) {}

  get view(): DecisionRecordState {
    return this.state;
  }

  /** Exports the debate shown, when the panel offers it; one at a time. Resolves once it is written, refused or dismissed. */
  async export(): Promise<void> {
    const shown = this.deps.view();
    if (this.state.kind === 'working') return;
    if (!offersDecisionRecord(shown) || shown.transcript === null) {
      this.deps.log.warn('Ignored Export Decision Record: the debate shown is running, held elsewhere, or has no complete turn.');
      return;
    }
    const debateId = shown.transcript.id;
    const { exporter } = this.deps;
    if (exporter === undefined) {
      this.set({ kind: 'failed', debateId, reason: l10n.t('decision records are not available here') });
      return;
    }
    this.set({ kind: 'working', debateId });
    const outcome = await exporter.export(debateId, () => void this.export());
    // Another debate shown meanwhile: what is said of this one's record would be out of place.
    if (!this.isWorkingOn(debateId)) return;
    if (outcome.kind === 'written') {
      this.written.set(outcome.location, outcome.open);
      this.set({ kind: 'written', debateId, location: outcome.location });
    } else {
      // A cancel (a question dismissed, Cancel in the notification) says nothing.
      this.set(outcome.kind === 'failed' ? { kind: 'failed', debateId, reason: outcome.reason } : IDLE);
    }
  }

  /** Whether `location` is a record this panel wrote (the webview's link names it). */
  wrote(location: string): boolean {
    return this.written.has(location);
  }

  /** Opens a record this panel wrote again. */
  async open(location: string): Promise<void> {
    try {
      await this.written.get(location)?.();
    } catch (error) {
      this.deps.log.error(`Could not open the decision record ${location}: ${errorMessage(error)}`);
    }
  }

  /** The panel shows another debate: what was said of an earlier debate's record goes. */
  debateShown(debateId: string | null): void {
    if (this.state.kind !== 'idle' && this.state.debateId !== debateId) this.set(IDLE);
  }

  private isWorkingOn(debateId: string): boolean {
    return this.state.kind === 'working' && this.state.debateId === debateId;
  }

  private set(state: DecisionRecordState): void {
    this.state = state;
    this.deps.post({ type: 'decision-record', decisionRecord: state });
  }
}
