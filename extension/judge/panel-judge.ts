// The judge of one debate panel: runs a judging of the debate shown (judge-runner.ts), tells
// the webview how it goes ("order 1 of 2", then the verdict or why there is none), stops it on
// Cancel, and has the panel read the debate again once its verdict is saved, so the card shows.
// What it tells the webview is kept, so a reloaded webview draws it again. No VS Code import.
import type { HostMessage, JudgeView, JudgingState } from '../contract/protocol';
import { judgeSavedDebate, type JudgeOutcome, type JudgeProgress, type JudgeRunServices } from './judge-runner';
import * as l10n from '../contract/l10n';

/** The judge model a panel proposes, and the memory of the last one chosen. */
export interface JudgeChoice {
  /** The last model chosen, else the setting; '' when neither says. */
  remembered(): string;
  remember(model: string): void;
}

/** A choice remembered for this process only, starting from `setting` (tests; a host without storage). */
export function memoryJudgeChoice(setting = ''): JudgeChoice {
  let last = '';
  return {
    remembered: () => (last !== '' ? last : setting),
    remember: (model) => {
      last = model;
    },
  };
}

export interface PanelJudgeServices extends JudgeRunServices {
  choice: JudgeChoice;
  post(message: HostMessage): void;
  /** The verdict on debate `debateId` is saved: the panel reads the debate again to show it. */
  judged(debateId: string): Promise<void>;
}

/** What the Debates view's command adds to a panel's judging: its own progress and cancel. */
export interface JudgeRunHooks {
  signal?: AbortSignal;
  onProgress?(progress: JudgeProgress): void;
}

const IDLE: JudgingState = { kind: 'idle' };

export class PanelJudge {
  private state: JudgingState = IDLE;
  private abort: AbortController | null = null;

  constructor(private readonly services: PanelJudgeServices) {}

  get view(): JudgeView {
    return { model: this.services.choice.remembered(), state: this.state };
  }

  get isJudging(): boolean {
    return this.abort !== null;
  }

  /** Judges debate `debateId` with `model` (remembered as the next proposal); resolves with how it ended. */
  async judge(debateId: string, model: string, hooks: JudgeRunHooks = {}): Promise<JudgeOutcome> {
    if (this.abort !== null) {
      const message = l10n.t('A judging is already going on in this panel; wait for it or cancel it first.');
      this.services.log.warn(message);
      return { kind: 'failed', error: { kind: 'unknown', message } };
    }
    const abort = new AbortController();
    this.abort = abort;
    const cancelFromOutside = (): void => abort.abort();
    hooks.signal?.addEventListener('abort', cancelFromOutside, { once: true });
    if (hooks.signal?.aborted === true) abort.abort();
    this.services.choice.remember(model);
    this.set({ kind: 'judging', debateId, model, order: 0, orders: 0, retry: false });
    try {
      const outcome = await judgeSavedDebate(this.services, {
        debateId,
        model,
        signal: abort.signal,
        onProgress: (progress) => {
          if (!abort.signal.aborted) this.set({ kind: 'judging', debateId, model, ...progress });
          hooks.onProgress?.(progress);
        },
      });
      await this.ended(debateId, model, outcome);
      return outcome;
    } finally {
      hooks.signal?.removeEventListener('abort', cancelFromOutside);
      if (this.abort === abort) this.abort = null;
    }
  }

  /** Cancel (or Stop): the judging ends at once, nothing saved. */
  cancel(): void {
    if (this.abort === null || this.abort.signal.aborted) return;
    this.abort.abort();
    this.services.log.info('Judging cancelled.');
  }

  /** The panel shows another debate: what was said of an earlier debate's judging goes. */
  debateShown(debateId: string | null): void {
    if (this.state.kind !== 'idle' && this.state.debateId !== debateId) this.cancelAndForget();
  }

  dispose(): void {
    this.abort?.abort();
  }

  private cancelAndForget(): void {
    this.abort?.abort();
    this.set(IDLE);
  }

  private async ended(debateId: string, model: string, outcome: JudgeOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'judged':
        // The card comes with the debate read again; the progress goes once it is there.
        await this.services.judged(debateId);
        this.set(IDLE);
        return;
      case 'unavailable':
        this.set({ kind: 'unavailable', debateId, model, reason: outcome.reason });
        return;
      case 'failed':
        this.services.log.error(outcome.error.message);
        this.set({ kind: 'failed', debateId, model, error: outcome.error });
        return;
      case 'cancelled':
        this.set(IDLE);
        return;
      default: {
        const unexpected: never = outcome;
        throw new Error(`Unknown judging outcome: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  private set(state: JudgingState): void {
    this.state = state;
    this.services.post({ type: 'judge', judge: this.view });
  }
}
