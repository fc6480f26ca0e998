// The material through the engine's sessions over the Ollama simulator: recorded with the debate,
// sent on every turn of a continued debate and of a branch, refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { materialBlock } from '../../engine/material/prompt-block';
import { DebateSessions } from '../../engine/session';
import { MemoryDebateStore } from '../../engine/store';
import type { DebateMaterial, SpeakerConfig } from '../../engine/types';
import { chatMessages, collectRun, debate, errorsOf, simulator, transcriptOf } from '../engine/simulated-debate';

const ADA: SpeakerConfig = { name: 'Ada', model: 'alpha:1b', tone: 'Cynic' };
const BOB: SpeakerConfig = { name: 'Bob', model: 'beta:1b', tone: 'Polite' };
const MATERIAL: DebateMaterial = { excerpts: [{ path: 'src/a.ts', startLine: 4, endLine: 5, text: 'let a = 1;\nlet b = 2;' }] };

describe('material in a session', () => {
  it('is recorded, and every request of the start, a continue and a branch carries it after the topic', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'A.' }, { name: 'beta:1b', reply: 'B.' }] });
    try {
      const debates = new DebateSessions(new MemoryDebateStore());
      const run = debates.start(debate(sim, [ADA, BOB], { material: MATERIAL }));
      expect(transcriptOf(await collectRun(run)).material).toEqual(MATERIAL);
      expect(debates.store.read(run.id)).toMatchObject({ material: MATERIAL });
      await collectRun(debates.continue(run.id, 1));
      const branchId = await debates.branch(run.id, { atTurn: 1, exchanges: 1 });
      await collectRun(debates.continue(branchId, undefined));
      const requests = chatMessages(sim);
      expect(requests.length).toBeGreaterThanOrEqual(5);
      for (const messages of requests) expect(messages[1]?.content).toBe(`The topic of the debate: Is tea better than coffee?\n\n${materialBlock(MATERIAL) ?? ''}`);
    } finally {
      await sim.close();
    }
  });

  it('refuses material over the budget before any request', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'A.' }] });
    try {
      const text = Array.from({ length: 200 }, (_, i) => `line ${i} with some words to make it longer`).join('\n');
      const events = await collectRun(new DebateSessions(new MemoryDebateStore()).start(debate(sim, [{ ...ADA, contextSize: 1024 }], {
        material: { excerpts: [{ path: 'big.ts', startLine: 1, endLine: 200, text }] },
      })));
      expect(errorsOf(events)[0]).toMatchObject({ kind: 'invalid-config', field: 'material' });
      expect(sim.chatRequests()).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });
});
