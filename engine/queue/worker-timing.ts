// How a queue worker keeps time, by default: long enough that a busy machine never looks dead,
// short enough that a dead one's debate moves on within a minute or so.

/** How long a job's lock lasts without renewal (renewed every half of it); the stalled check runs as often. */
export const DEFAULT_LOCK_DURATION_MS = 30_000;

/** How often a worker reads the registry of queues and its Ollama's models again. */
export const DEFAULT_REFRESH_MS = 5000;

/** How many times a dead worker's match is moved on before its job fails: workers may come and go for a while. */
export const MAX_STALLED_COUNT = 20;
