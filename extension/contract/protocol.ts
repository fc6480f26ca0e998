// The one message protocol between the extension host and the debate webview.
// Both sides import this file (the webview its types only: the values bundle zod).
// Messages from the webview are untrusted input: the host validates them with
// `parseWebviewMessage` and ignores (and logs) anything malformed. Messages to the
// webview come from our own host code.
import { z } from 'zod';
import type { DebateError, DebateEvent, ModelInfo, PullProgress, Tone, Transcript } from '../../engine/types';
import { MAX_MODEL_NAME_CHARS, MAX_PANEL_EXCHANGES, MAX_SPEAKERS, MAX_TOPIC_CHARS, MIN_PANEL_EXCHANGES, MIN_SPEAKERS } from './limits';

const speakerChoiceSchema = z.object({
  model: z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS),
  tone: z.string().trim().min(1).max(100),
});

/** What the setup form submits: the webview's view of a debate to run. */
export const debateRequestSchema = z.object({
  topic: z.string().trim().min(1).max(MAX_TOPIC_CHARS),
  speakers: z.array(speakerChoiceSchema).min(MIN_SPEAKERS).max(MAX_SPEAKERS),
  exchanges: z.number().int().min(MIN_PANEL_EXCHANGES).max(MAX_PANEL_EXCHANGES),
});

export type SpeakerChoice = z.infer<typeof speakerChoiceSchema>;
export type DebateRequest = z.infer<typeof debateRequestSchema>;

const webviewMessageSchema = z.discriminatedUnion('type', [
  /** The webview has loaded its script; the host answers with `init`. */
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('start'), request: debateRequestSchema }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('export') }),
  z.object({ type: z.literal('refresh-models') }),
  z.object({ type: z.literal('pull-model'), model: z.string().trim().min(1).max(MAX_MODEL_NAME_CHARS) }),
  z.object({ type: z.literal('open-settings') }),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;

export type ParseResult = { ok: true; message: WebviewMessage } | { ok: false; reason: string };

/** Validates a message received from the webview. Never throws. */
export function parseWebviewMessage(raw: unknown): ParseResult {
  const result = webviewMessageSchema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'message';
  return { ok: false, reason: `${where}: ${issue?.message ?? 'invalid'}` };
}

/** What the status line says. */
export type DebateStatus =
  | 'idle'
  | 'connecting'
  | 'loading'
  | 'speaking'
  /** The debate waits for the moderator. */
  | 'paused'
  /** The process running the debate died; it resumes from its last completed turn. */
  | 'interrupted'
  | 'done'
  | 'stopped'
  | 'failed';

/** Who speaks in a turn and when, as the engine's `turn-start` event announces it. */
export type TurnHeading = Omit<Extract<DebateEvent, { type: 'turn-start' }>, 'type'>;

/** A turn still streaming: its heading and the text received so far. */
export type LiveTurn = TurnHeading & {
  text: string;
  /** Token chunks the engine sent so far: the count a cut-off turn keeps. */
  tokens?: number;
};

/**
 * Adjacent tokens of one turn joined by the host into one message: `chunks` says how
 * many the engine sent, so both sides count the same.
 */
export type TokenBatch = Extract<DebateEvent, { type: 'token' }> & { chunks: number };

/** What the snapshot reducer reads: an engine event, or a batch of its tokens. */
export type PanelEvent = DebateEvent | TokenBatch;

/** The debate as shown: what the reducer (snapshot.ts) keeps, on both sides of the panel. */
export interface DebateView {
  status: DebateStatus;
  /** The debate shown (running or finished); null before the first start. */
  transcript: Transcript | null;
  /** The turn in progress, if any (a new turn, or one being regenerated). */
  liveTurn: LiveTurn | null;
  /** The last error shown, so it survives a reload. */
  error: DebateError | null;
  /** The last warning (the debate went on), e.g. that it could not be saved. */
  warning: string | null;
}

/** Everything the webview needs to draw itself from scratch (after load, reveal or reload). */
export interface PanelSnapshot extends DebateView {
  /** The form as last submitted or as defaulted from settings. */
  form: DebateRequest;
  tones: Tone[];
  /** Installed models on the configured host; null while unknown. */
  models: ModelInfo[] | null;
  host: string;
}

export type HostMessage =
  /**
   * `panelId` names the panel's persisted snapshot: the webview keeps it in
   * `vscode.setState({ panelId, ... })` so that after a window reload the
   * serializer can tell which debate to restore.
   */
  | { type: 'init'; panelId: string; snapshot: PanelSnapshot }
  /** Engine events, forwarded as they come (adjacent tokens joined into one batch). */
  | { type: 'debate-event'; event: PanelEvent }
  /** A status the host set itself (starting, stopping, failing to start); events carry the rest. */
  | { type: 'status'; status: DebateStatus }
  | { type: 'models'; models: ModelInfo[]; host: string }
  | { type: 'models-error'; error: DebateError }
  | { type: 'tones'; tones: Tone[] }
  | { type: 'pull-progress'; model: string; progress: PullProgress }
  | { type: 'pull-done'; model: string }
  | { type: 'pull-failed'; model: string; message: string }
  | { type: 'exported'; path: string };
