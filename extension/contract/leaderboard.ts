// The Leaderboard panel's messages between the extension host and its webview
// (extension/leaderboard, media/src/leaderboard). The host ranks and formats; the webview only
// sorts and draws, so the figures read the same as in the CLI and a tournament's results.md.

/** The panel's webview type (one panel at a time). */
export const LEADERBOARD_VIEW_TYPE = 'talkingModels.leaderboard';

/** A figure as shown, with the number it sorts by (null: not measured; sorts last). */
export interface Figure {
  text: string;
  value: number | null;
}

/** A ranked player: a model, or a model in a tone. */
export interface RankedRowView {
  rank: number;
  model: string;
  /** Null on the model rows. */
  tone: string | null;
  rating: Figure;
  /** The 95% interval, for the chart; null without one. */
  interval: { low: number; high: number } | null;
  intervalText: string;
  /** Wins, losses, ties: "3-1-0", sorted by wins. */
  record: Figure;
  debates: number;
  firstToken: Figure;
  tokensPerSecond: Figure;
}

export interface SpeedRowView {
  model: string;
  host: string;
  turns: number;
  firstToken: Figure;
  tokensPerSecond: Figure;
}

export interface LeaderboardView {
  judgedDebates: number;
  resamples: number;
  models: RankedRowView[];
  modelTones: RankedRowView[];
  speed: SpeedRowView[];
}

export type LeaderboardHostMessage =
  | { type: 'leaderboard'; view: LeaderboardView }
  /** The library could not be read: why, in words. */
  | { type: 'leaderboardFailed'; message: string };

export type LeaderboardWebviewMessage =
  | { type: 'ready' }
  /** The empty state's button: show the Debates view, where a debate is judged. */
  | { type: 'showDebates' }
  | { type: 'refresh' };
