// Personas in a debate panel against the Ollama simulator over real HTTP, the webview a fake
// transport: the snapshot carries the personas, the recent line-ups and the suggestion; "Suggest
// speakers" asks the casting model and posts its line-up, or why none (the model not installed,
// Ollama not answering, no usable answer), leaving the form as it was; Cancel stops it; a debate
// started remembers its line-up and every panel sharing the store hears of it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SuggestionState } from '../../../extension/contract/protocol';
import { RecentLineUps, type RecentLineUpsMemento } from '../../../extension/personas/recent-lineups-store';
import { engineSuggest, type PersonaServices } from '../../../extension/personas/panel-personas';
import { closedPort } from '../../simulator/closed-port';
import { CASTING_REFUSAL_TEXT, scriptedCasting, type ScriptedCastingOptions } from '../../simulator/lineup-script';
import { DEFAULT_MODELS, startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { removeLibraries, tempLibrary, TestWindow, type TestPanel } from '../debate/panel-harness';

const CASTER = 'gemma3:4b';
const TOPIC = 'Should cities ban cars?';

function memento(): RecentLineUpsMemento {
  const values = new Map<string, unknown>();
  return { get: (key) => values.get(key), update: async (key, value) => void values.set(key, structuredClone(value)) };
}

describe('personas in a panel', () => {
  let simulator: OllamaSimulator;
  const windows: TestWindow[] = [];

  async function start(casting: Partial<ScriptedCastingOptions> = {}, tokenDelayMs = 0): Promise<void> {
    simulator = await startSimulator({ models: [...DEFAULT_MODELS, scriptedCasting({ name: CASTER, ...casting })], tokenDelayMs });
  }

  function window(host: string = simulator.url): { window: TestWindow; services: PersonaServices } {
    const opened = new TestWindow(host, tempLibrary(), { settings: { personas: [{ name: 'Economist', tone: 'Rational', stance: 'for', role: 'an economist' }] } });
    const services: PersonaServices = {
      personas: () => [{ name: 'Economist', stance: 'for', role: 'an economist' }],
      recentLineUps: new RecentLineUps(memento(), opened.log),
      suggest: engineSuggest,
    };
    opened.services.personas = services;
    windows.push(opened);
    return { window: opened, services };
  }

  function suggestions(panel: TestPanel): SuggestionState[] {
    return panel.of('suggestion').map((message) => message.suggestion);
  }

  afterEach(async () => {
    for (const opened of windows.splice(0)) opened.dispose();
    await simulator?.close();
    removeLibraries();
  });

  describe('with a casting model', () => {
    beforeEach(() => start());

    it('draws personas, recent line-ups and the suggestion in its first picture; the persona is a tone the picker offers', async () => {
      const panel = window().window.open();
      await panel.panel.receive({ type: 'ready' });
      const { snapshot } = panel.of('init')[0]!;
      expect(snapshot.personas).toEqual([{ name: 'Economist', stance: 'for', role: 'an economist' }]);
      expect(snapshot.recentLineUps).toEqual([]);
      expect(snapshot.suggestion).toEqual({ kind: 'idle' });
      expect(snapshot.tones.map((tone) => tone.name)).toContain('Economist');
    });

    it('asks Speaker 1\'s model for a line-up among the installed models and known tones, and posts it; the form stays as it was', async () => {
      const panel = window().window.open();
      await panel.panel.receive({ type: 'ready' });
      const form = panel.panel.snapshot().form;
      await panel.panel.receive({ type: 'suggest-speakers', topic: TOPIC, model: CASTER });
      const [asking, suggested] = suggestions(panel);
      expect(asking).toEqual({ kind: 'suggesting', model: CASTER });
      expect(suggested).toEqual({
        kind: 'suggested',
        model: CASTER,
        speakers: [
          { name: 'Ada', role: 'an economist', stance: 'for', tone: 'Rational', model: 'llama3.2:1b' },
          { name: 'Bob', role: 'a security engineer', stance: 'against', tone: 'Philosopher', model: 'qwen2.5:0.5b' },
        ],
      });
      // The persona was on offer as a tone.
      const format = JSON.stringify(simulator.chatRequests(CASTER)[0]?.body);
      expect(format).toContain('Economist');
      expect(panel.panel.snapshot().form).toEqual(form);
      expect(panel.panel.snapshot().suggestion).toEqual(suggested);
      // Accepted or dismissed, the panel forgets it.
      await panel.panel.receive({ type: 'cancel-suggest' });
      expect(suggestions(panel).at(-1)).toEqual({ kind: 'idle' });
    });

    it('says a model that is not installed is not, without asking anything', async () => {
      const panel = window().window.open();
      await panel.panel.receive({ type: 'ready' });
      await panel.panel.receive({ type: 'suggest-speakers', topic: TOPIC, model: 'mistral:7b' });
      expect(suggestions(panel).at(-1)).toEqual({
        kind: 'failed', model: 'mistral:7b',
        reason: `mistral:7b is not installed on ${simulator.url}: pull it, or choose an installed model for Speaker 1, which suggests the line-up.`,
      });
      expect(simulator.chatRequests('mistral:7b')).toEqual([]);
    });

    it('starts a debate and remembers its line-up: this panel and another sharing the store hear of it', async () => {
      const { window: opened } = window();
      const first = opened.open();
      const second = opened.open();
      await first.panel.receive({ type: 'ready' });
      await second.panel.receive({ type: 'ready' });
      const request = {
        topic: TOPIC, exchanges: 1,
        speakers: [
          { model: 'llama3.2:1b', tone: 'Economist', name: 'Ada', stance: 'for' as const, role: 'an economist' },
          { model: 'qwen2.5:0.5b', tone: 'Cynic', stance: 'against' as const },
        ],
      };
      await first.panel.receive({ type: 'start', request });
      const lineUp = [
        { name: 'Ada', model: 'llama3.2:1b', tone: 'Economist', stance: 'for', role: 'an economist' },
        { name: 'Speaker 2', model: 'qwen2.5:0.5b', tone: 'Cynic', stance: 'against' },
      ];
      expect(first.of('recent-lineups').at(-1)?.lineUps).toEqual([lineUp]);
      expect(second.of('recent-lineups').at(-1)?.lineUps).toEqual([lineUp]);
      // A panel opened later draws it in its first picture.
      const third = opened.open();
      await third.panel.receive({ type: 'ready' });
      expect(third.of('init')[0]!.snapshot.recentLineUps).toEqual([lineUp]);
      // The persona's tone reached the engine as a tone: the speaker was told its prompt.
      const system = simulator.chatRequests('llama3.2:1b').map((chat) => JSON.stringify(chat.body)).join('\n');
      expect(system).toContain('You reason with structured logic');
    });
  });

  it('says why when the model gives no usable line-up (asked twice), leaving the form alone', async () => {
    await start({ refuse: true });
    const panel = window().window.open();
    await panel.panel.receive({ type: 'ready' });
    const form = panel.panel.snapshot().form;
    await panel.panel.receive({ type: 'suggest-speakers', topic: TOPIC, model: CASTER });
    const failed = suggestions(panel).at(-1);
    expect(failed?.kind).toBe('failed');
    // The reason names the model and what it said instead of a line-up.
    expect(failed?.kind === 'failed' && failed.reason).toMatch(/^The model gemma3:4b did not answer in JSON .*asked again with the schema restated/);
    expect(failed?.kind === 'failed' && failed.reason).toContain(CASTING_REFUSAL_TEXT.slice(0, 20));
    expect(simulator.chatRequests(CASTER)).toHaveLength(2);
    expect(panel.panel.snapshot().form).toEqual(form);
  });

  it('says Ollama does not answer when it does not', async () => {
    await start();
    const down = `http://127.0.0.1:${await closedPort()}`;
    const panel = window(down).window.open();
    await panel.panel.receive({ type: 'suggest-speakers', topic: TOPIC, model: CASTER });
    const failed = suggestions(panel).at(-1);
    expect(failed).toMatchObject({ kind: 'failed', model: CASTER });
    expect(failed?.kind === 'failed' && failed.reason).toMatch(/127\.0\.0\.1/);
  });

  it('stops asking on Cancel: back to idle, and the late answer is never shown', async () => {
    await start({}, 50);
    const panel = window().window.open();
    await panel.panel.receive({ type: 'ready' });
    const asking = panel.panel.receive({ type: 'suggest-speakers', topic: TOPIC, model: CASTER });
    await expect.poll(() => simulator.chatRequests(CASTER).length, { timeout: 10_000 }).toBe(1);
    await panel.panel.receive({ type: 'cancel-suggest' });
    await asking;
    expect(suggestions(panel).map((state) => state.kind)).toEqual(['suggesting', 'idle']);
    expect(panel.panel.snapshot().suggestion).toEqual({ kind: 'idle' });
  });
});
