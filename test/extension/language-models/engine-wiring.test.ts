// The extension's engine: the libraries it opens run debates with the extension host's speaker
// backends (VS Code's language models), where the plain engine (the CLI's) has none and says so.
import { describe, expect, it } from 'vitest';
import * as engine from '../../../engine';
import type { DebateConfig } from '../../../engine/types';
import { withSpeakerBackends } from '../../../extension/engine-access';
import { FakeBackend } from '../../engine/fake-backend';
import { drain, errorsOf, turnsOf } from '../../engine/simulated-debate';
import { tempFolder } from '../../library/fixtures';

// Port 9 (discard): no Ollama there, and none is needed for a language-model speaker.
const CONFIG: DebateConfig = { topic: 'Tea?', exchanges: 1, host: 'http://127.0.0.1:9', speakers: [{ name: 'Lu', model: 'gpt-test', tone: 'Polite', backend: 'vscode-lm' }] };

describe('withSpeakerBackends', () => {
  it("gives every library the engine opens the extension host's backends", async () => {
    const backend = new FakeBackend();
    const { sessions } = withSpeakerBackends(engine, { 'vscode-lm': backend }).openLibrary(tempFolder(), { app: 'VS Code' });
    const events = await drain(sessions.start(CONFIG).events);
    expect(errorsOf(events)).toEqual([]);
    expect(turnsOf(events).map((turn) => turn.text)).toEqual(['Coffee wakes you.']);
    expect(backend.requests).toHaveLength(1);
  });

  it('leaves the plain engine without them: such a speaker fails before its first turn', async () => {
    const { sessions } = engine.openLibrary(tempFolder(), { app: 'CLI' });
    const events = await drain(sessions.start(CONFIG).events);
    expect(errorsOf(events).map((error) => error.field)).toEqual(['speakers[0].backend']);
    expect(turnsOf(events)).toEqual([]);
  });
});
