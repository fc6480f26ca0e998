// The engine's public vocabulary: what a debate is configured with, what it
// records, and the one event union every consumer (CLI, panel, tests) reads.
import type { Verdict } from './judge/verdict';
import type { Stance } from './personas/stance';
import type { DebateMaterial } from './material/material';

export type { Verdict } from './judge/verdict';
export type { Stance } from './personas/stance';
export type { DebateMaterial, MaterialDiff, MaterialExcerpt } from './material/material';

/** One participant: its own model, tone and (optionally) its own Ollama host. */
export interface SpeakerConfig {
  /** Display name shown in the transcript, e.g. "Speaker 1" or "Ada". */
  name: string;
  /** Ollama model tag, e.g. "llama3.2:1b". */
  model: string;
  /** Name of a built-in or custom tone (matched case-insensitively). */
  tone: string;
  /** Ollama base URL for this speaker only (a GPU box on the network). */
  host?: string;
  /** Sampling temperature sent to Ollama (0 to 2). */
  temperature?: number;
  /** Model context window in tokens (Ollama's `num_ctx`). */
  contextSize?: number;
  /** Reasoning (Ollama's `think`): off, on, or a level; absent: the model's own default (nothing is sent). */
  thinking?: ThinkingSetting;
  /** The side it argues (engine/personas): told to the speaker after its tone's prompt; absent: its persona's, else none. */
  stance?: Stance;
  /** The expertise it speaks from, e.g. "an economist" (one line, capped); absent: its persona's, else none. */
  role?: string;
  /**
   * Where its model runs: absent for Ollama; 'vscode-lm' for a chat model VS Code offers (`vscode.lm`),
   * whose `model` is then that model's id. Only the extension can run those (engine/speaker-backend.ts).
   */
  backend?: SpeakerBackendId;
}

/** The speaker backends besides Ollama (the default, named by no field). */
export type SpeakerBackendId = 'vscode-lm';

/**
 * One speaker of a line-up (a recent one or one suggested): who speaks, in order. A speaker's part,
 * not its settings (host, temperature and the like).
 */
export type LineUpSpeaker = Pick<SpeakerConfig, 'name' | 'model' | 'tone' | 'stance' | 'role' | 'backend'>;

/** How hard a reasoning model thinks, for models that take a level (Ollama's `think: "low"` etc.). */
export type ThinkingLevel = 'low' | 'medium' | 'high';

/** Ollama's `think` value: false turns reasoning off, true on, a level sets its effort. */
export type ThinkingSetting = boolean | ThinkingLevel;

/** A persona: its prompt becomes the speaker's system message. */
export interface Tone {
  name: string;
  prompt: string;
}

export interface DebateConfig {
  topic: string;
  /** 1 to 6 speakers, who speak in this order within each exchange. */
  speakers: SpeakerConfig[];
  /** Number of rounds (1 to 20); each speaker speaks once per exchange. */
  exchanges: number;
  /** Host for speakers that name none; else OLLAMA_HOST, else http://127.0.0.1:11434. */
  host?: string;
  /** User-defined tones, usable by name alongside the built-in ones. */
  customTones?: Tone[];
  /** The context window in tokens (Ollama's `num_ctx`) for speakers without their own `contextSize` (default 8192). */
  contextWindow?: number;
  /** The language every speaker is told to reply in (engine/language.ts; one line, capped); absent: none is said. */
  language?: string;
  /**
   * Replaced by `contextWindow`: a character budget from before windows in tokens. Still read
   * (old records, old callers): without `contextWindow`, a value other than the old default 12,000
   * is converted to a window (context-window.ts) and the run says so in a warning.
   */
  contextBudgetChars?: number;
  /** How long a speaker may take to produce its first token, model load included. */
  firstTokenTimeoutMs?: number;
  /** How long a speaker may fall silent mid-reply before its turn fails (the partial reply is kept). */
  stallTimeoutMs?: number;
  /** Most characters of one reply (default 1,000,000): a reply is cut there, kept and marked cut (a complete turn with a note). */
  maxReplyChars?: number;
  /** Who speaks when within a round (default round-robin); a random order without a seed gets one, recorded. */
  order?: TurnOrder;
  /** Conditions that end the debate before its last exchange (each optional). */
  stopOn?: StopConditions;
  /** An AI moderator: frames the question, summarises each round, may close the debate early, picks speakers in a moderator order. */
  moderator?: ModeratorConfig;
  /** After the last exchange (or an early end), each speaker gives a one-line final position and a short answer, tallied as a vote. */
  closingStatements?: boolean;
  /** A judge model that gives a blind verdict when the debate ends well (engine/judge), saved with the debate. */
  judge?: JudgeConfig;
  /** Set when the debate is a tournament's match (engine/tournament), so a rerun finds it. */
  tournament?: TournamentTag;
  /** Lines of files and/or a diff the debate is about (engine/material): sent to every speaker, the moderator and the judge as data. */
  material?: DebateMaterial;
}

/** Which tournament a debate is a match of, and which match: recorded with the debate. */
export interface TournamentTag {
  /** The tournament's id (engine/tournament/plan.ts). */
  id: string;
  /** The match's key within it. */
  match: string;
}

/** The judge that gives a verdict at the end of a debate. */
export interface JudgeConfig {
  model: string;
  /** Its Ollama host; the debate's default host when absent. */
  host?: string;
  /** Orders to judge in (default: two, or one per side with three or more). */
  orders?: number;
  /** Also mark every turn 1-10. */
  markTurns?: boolean;
}

/** The model behind the AI moderator (engine/moderator). */
export interface ModeratorConfig {
  model: string;
  /** Its Ollama host; the debate's default host when absent. */
  host?: string;
}

/** How speakers take turns within a round (engine/turn-order.ts). */
export interface TurnOrder {
  /**
   * round-robin: listed order; random: reshuffled each round; reply: each answers the one before;
   * simultaneous: every speaker answers the previous round at once (a blind first round);
   * moderator: the AI moderator picks who speaks next among those yet to speak in the round.
   */
  kind: 'round-robin' | 'random' | 'reply' | 'simultaneous' | 'moderator';
  /** For a random order: the seed every round's shuffle comes from. */
  seed?: number;
  /** For a moderator order: the speakers (indexes) the moderator picked, round by round (round 1 first). */
  picks?: number[][];
}

/** A speaker saying again what it already said: word n-gram overlap with its own earlier replies (engine/repetition.ts). */
export interface RepetitionRule {
  /** Share (0-1) of a reply's n-grams already in one of the speaker's earlier replies that ends the debate; with `embedModel`, the cosine similarity. */
  threshold: number;
  /** Words per n-gram. */
  ngram: number;
  /** Compare replies by embedding similarity through Ollama's /api/embed with this model, instead of word n-grams. */
  embedModel?: string;
}

/** The speakers agreeing ends the debate: asked after each round of the AI moderator, else of this model (the judge's). */
export interface ConsensusRule {
  /** The model asked when the debate has no AI moderator. */
  model?: string;
  /** Its Ollama host; the debate's default host when absent. */
  host?: string;
}

export interface StopConditions {
  repetition?: RepetitionRule;
  consensus?: ConsensusRule;
}

export type TurnStatus = 'complete' | 'stopped' | 'failed';

export interface TurnMetrics {
  /** From the request leaving to the first content token. */
  timeToFirstTokenMs: number | null;
  /** From the request leaving to the turn's end. */
  durationMs: number;
  /** Tokens generated (Ollama's `eval_count`; counted chunks when it is absent). */
  tokens: number;
  /** Ollama's own figure: eval_count / eval_duration; null when unknown. */
  tokensPerSecond: number | null;
  /** Ollama's `load_duration` in ms; null when unknown. */
  loadDurationMs: number | null;
  /** Ollama's `prompt_eval_count`: the whole prompt, cached part included; null when unknown. */
  promptTokens: number | null;
  /** Ollama's `prompt_eval_cached_count`: the prompt tokens read from its cache (absent when Ollama did not say). */
  cachedPromptTokens?: number;
  /** The context window (`num_ctx`) the request was sent with (absent in turns recorded before it was sent). */
  contextWindow?: number;
}

/** What a speaker's request left out of the debate to fit its window; absent when nothing. */
export interface ContextTrim {
  /** Earlier turns left out (the oldest). */
  leftOutTurns: number;
  /** Earlier turns sent shortened, each too large for the window on its own. */
  shortenedTurns: number;
}

/** One reply of a speaker's turn: what was said and how it ended. */
export interface TurnReply {
  text: string;
  status: TurnStatus;
  metrics: TurnMetrics;
  /** Why the reply is stopped or failed, in words a person can act on. */
  note?: string;
  /** A reasoning model's reasoning, kept apart from the reply: never sent to any speaker. */
  thinking?: string;
  /** How long it reasoned: from its first reasoning token to its first reply token (or the turn's end). */
  thinkingMs?: number;
}

/** A speaker's turn. Its id is stable: it survives regenerating, branching and export. */
export interface SpeakerTurn extends TurnReply {
  kind: 'speaker';
  id: string;
  /** 1-based exchange (round) this turn belongs to. */
  exchange: number;
  /** 0-based index into the debate's speakers. */
  speakerIndex: number;
  speaker: string;
  model: string;
  tone: string;
  /** Earlier replies to this turn, replaced by Regenerate; the person can switch back to one. */
  alternatives?: TurnReply[];
  /** A closing statement (after the last exchange): the final position and short answer read from the reply. */
  closing?: ClosingStatement;
  /** What this turn's request left out of the debate or shortened to fit the speaker's window. */
  contextTrim?: ContextTrim;
}

/** What a speaker's closing statement says, read from its reply (engine/closing.ts). */
export interface ClosingStatement {
  /** The one-line final position. */
  position: string;
  /** The short answer to the topic that the vote tallies; null when the reply gave none. */
  answer: string | null;
}

/** What the AI moderator's turn does: frame the question, summarise a round, or close the debate early. */
export type ModeratorPurpose = 'framing' | 'summary' | 'closing';

/** What the person moderating (or the AI moderator) said; every later speaker receives it, labelled as the moderator's. */
export interface ModeratorTurn {
  kind: 'moderator';
  id: string;
  /** The exchange the note was made before or during (for a summary: the round it summarises). */
  exchange: number;
  text: string;
  createdAt: string;
  /** Set for the AI moderator's turns: its model and what the turn does. Absent: the person's note. */
  ai?: { model: string; purpose: ModeratorPurpose };
}

export type Turn = SpeakerTurn | ModeratorTurn;

/**
 * Where a debate stands: `running` while a process runs it, `paused` when it waits for the
 * moderator, `interrupted` when the process running it died (it resumes from its last
 * completed turn), else how it ended.
 */
export type DebateOutcome = 'running' | 'paused' | 'interrupted' | 'complete' | 'stopped' | 'failed';

/** Why a debate ended: the exchange count, the moderator's "end" and a stop condition count as complete. */
export type StopReason = 'exchanges' | 'moderator' | 'repetition' | 'consensus' | 'user' | 'error';

export interface Transcript {
  /** The debate's id in the library (its LangGraph thread id). */
  id: string;
  topic: string;
  speakers: SpeakerConfig[];
  exchanges: number;
  /** ISO 8601 timestamps. */
  startedAt: string;
  endedAt: string | null;
  turns: Turn[];
  outcome: DebateOutcome;
  stopReason: StopReason | null;
  /** What a stop condition found, in words (e.g. who repeated what); only when one ended the debate. */
  stopNote?: string;
  /** The turn order, when it is not round-robin. */
  order?: TurnOrder;
  /** The stop conditions the debate runs with, when it has any. */
  stopOn?: StopConditions;
  /** The AI moderator, when the debate has one. */
  moderator?: ModeratorConfig;
  /** Whether the debate ends with closing statements. */
  closingStatements?: boolean;
  /** The language every speaker is told to reply in, when the debate has one. */
  language?: string;
  /** The judge that gives a verdict when the debate ends, when it has one. */
  judge?: JudgeConfig;
  /** For a branch: the debate it was branched from, and how many of its turns it shares. */
  parentId?: string;
  forkedAtTurn?: number;
  /** Judges' verdicts on the debate, oldest first (engine/judge); absent when it was never judged. */
  verdicts?: Verdict[];
  /** The lines of files and/or diff the debate is about, when it has any. */
  material?: DebateMaterial;
}

export type DebateErrorKind =
  | 'invalid-config'
  | 'unreachable'
  | 'model-missing'
  | 'http'
  | 'stream-dropped'
  | 'first-token-timeout'
  /** The debate is open for writing in another window or process; it can be read, not run, here. */
  | 'locked'
  | 'unknown';

export interface DebateError {
  kind: DebateErrorKind;
  /** One or two sentences a person can act on (names the host, the model, the fix). */
  message: string;
  speaker?: string;
  model?: string;
  host?: string;
  /** HTTP status for kind 'http' and 'model-missing'. */
  status?: number;
  /** For kind 'invalid-config': the offending field, e.g. "speakers[1].model". */
  field?: string;
}

export type DebateEvent =
  /** A run of the debate begins (start, continue, resume, regenerate): the debate as it stands. */
  | { type: 'run-start'; transcript: Transcript }
  /** Every speaker's model is being loaded (in parallel) before the first turn. */
  | { type: 'models-loading'; models: string[] }
  /** `closing` marks a closing statement's turn. */
  | { type: 'turn-start'; turnId: string; speakerIndex: number; speaker: string; model: string; tone: string; exchange: number; closing?: true }
  | { type: 'token'; turnId: string; text: string }
  /** Reasoning streamed by a reasoning model, apart from the reply's tokens. */
  | { type: 'thinking'; turnId: string; text: string }
  /** The AI moderator is at work (its turn, if any, follows as a turn-end); `round` is the round it frames, summarises or picks for. */
  | { type: 'moderator-start'; activity: ModeratorActivity; model: string; round: number }
  /** A turn ended: a new turn, or (same id) a regenerated one replacing the earlier reply. */
  | { type: 'turn-end'; turn: Turn }
  | { type: 'error'; error: DebateError }
  /** The debate ended and its judge is judging it (blind, in several orders). */
  | { type: 'judge-start'; model: string }
  /** The judge's verdict, saved with the debate. */
  | { type: 'verdict'; verdict: Verdict }
  /** The judge could not give a verdict: why, in words; nothing is made up. */
  | { type: 'verdict-unavailable'; model: string; reason: string }
  /** Something the person should know that does not stop the debate, e.g. the library could not be written. */
  | { type: 'warning'; message: string }
  /** Always the last event of a run, whatever happened; `transcript.outcome` says where the debate stands. */
  | { type: 'run-end'; transcript: Transcript };

/** What the AI moderator is doing: framing the debate, reviewing a finished round (summary, consensus, early close), or picking the next speaker. */
export type ModeratorActivity = 'framing' | 'review' | 'picking';

export interface RunOptions {
  /** Aborting ends the run promptly, closes the HTTP request, keeps the partial turn. */
  signal?: AbortSignal;
}

/** An installed model as listed by Ollama's /api/tags. */
export interface ModelInfo {
  name: string;
  sizeBytes: number;
  parameterSize: string | null;
  quantization: string | null;
  family: string | null;
  modifiedAt: string | null;
  /** The model's digest (it changes when the model is pulled again); absent when Ollama gave none. */
  digest?: string;
}

export interface PullProgress {
  status: string;
  /** 0..1 when Ollama reports byte counts, else null. */
  fraction: number | null;
  completedBytes: number | null;
  totalBytes: number | null;
}
