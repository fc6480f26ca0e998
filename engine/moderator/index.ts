// The AI moderator, as the graph uses it: its calls, their inputs and results, the words of its
// closing turn, and its limits.
export { frameDebate, pickNextSpeaker, reviewRound } from './moderator';
export type { FramingResult, ModeratorCall, PickCall, PickResult, ReviewCall, ReviewResult } from './moderator';
export type { ReviewAsks, RoundReview } from './answers';
export type { ModeratedSpeaker } from './debate-view';
export { closingNote } from './notes';
export { DEFAULT_MODERATOR_BUDGET_CHARS, DEFAULT_MODERATOR_TIMEOUT_MS, MAX_MODERATOR_REASON_CHARS, MAX_MODERATOR_TEXT_CHARS } from './moderator-limits';
