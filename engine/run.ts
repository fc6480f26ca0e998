// runDebate: a debate that keeps nothing once it ends (tests, embedding). The CLI
// and the extension run debates through DebateSessions on the library instead.
import { DebateSessions } from './session';
import { MemoryDebateStore } from './store';
import type { DebateConfig, DebateEvent, RunOptions } from './types';

export function runDebate(config: DebateConfig, options: RunOptions = {}): AsyncIterable<DebateEvent> {
  return new DebateSessions(new MemoryDebateStore()).start(config, options.signal === undefined ? {} : { signal: options.signal }).events;
}
