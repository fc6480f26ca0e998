// The leaderboard: which model argues best, from the library's judged debates (pure; the
// library is read by library-debates.ts).
export { buildLeaderboard, DEFAULT_RESAMPLES, DEFAULT_SEED, INTERVAL_LEVEL, type Leaderboard, type LeaderboardOptions, type LeaderboardRow } from './leaderboard';
export { leaderboardMarkdown } from './markdown-table';
export { judgedDebateOf, countedVerdict, type JudgedDebate, type JudgedRecord, type RankedSpeaker, type TurnSpeed } from './judged-debate';
export type { ConfidenceInterval } from './bootstrap';
export type { SpeedRow, SpeedSummary } from './speed';
export { ELO_MEAN } from './bradley-terry';
export { judgedDebatesIn, type TurnsReader } from './library-debates';
export { leaderboardJson, LEADERBOARD_JSON_FORMAT, LEADERBOARD_JSON_VERSION } from './leaderboard-json';
