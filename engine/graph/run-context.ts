// What one run of a debate needs that is not the debate itself: settings of the
// process running it, the event sink and the stop signal. It reaches the nodes
// through LangGraph's `configurable`, so the compiled graph is shared by every
// debate and the state holds only what belongs in the record.
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import type { SpeakerBackend } from '../speaker-backend';
import type { TokenCalibration } from '../token-budget';
import type { DebateEvent, DebateMaterial, SpeakerConfig, Verdict } from '../types';

export interface RunContext {
  /** The Ollama host for speakers that name none (this process's setting, not the record's). */
  defaultHost: string;
  /** Where a speaker's model runs (Ollama's, or one the process supplied): it sizes the prompt and streams the turn. */
  speakerBackend(speaker: SpeakerConfig): SpeakerBackend;
  /** Per model (speaker-prompt calibrationKey): how the model's token counts compare with the engine's estimates. Updated after each turn. */
  calibrations: Map<string, TokenCalibration>;
  firstTokenTimeoutMs: number;
  stallTimeoutMs: number;
  /** Longest reply kept: a longer one is cut, closed and marked. */
  maxReplyChars: number;
  /** The language every speaker is told to reply in (the record's, engine/language.ts); absent: none is said. */
  language?: string;
  /** The lines of files and/or diff the debate is about (the record's): sent to speakers, moderator and judge as data. */
  material?: DebateMaterial;
  /** Aborting stops the turn in progress; its partial reply is kept, marked stopped. */
  signal: AbortSignal;
  emit(event: DebateEvent): void;
  /** Saves a judge's verdict with the debate. */
  saveVerdict(verdict: Verdict): void;
  /** Asked after each turn: does the person want the moderator's word before the next one? */
  takePauseRequest(): boolean;
}

const KEY = 'talkingModelsRun';

export function withRunContext(threadId: string, run: RunContext): { configurable: Record<string, unknown> } {
  return { configurable: { thread_id: threadId, [KEY]: run } };
}

export function runContextOf(config: LangGraphRunnableConfig): RunContext {
  const run: unknown = config.configurable?.[KEY];
  if (typeof run !== 'object' || run === null) throw new Error('A debate node ran without its run context.');
  return run as RunContext;
}
