// The walkthrough's example debate: the form it fills, and a real panel (engine, library,
// simulator) drawing it in its first picture with installed models given to the speakers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { debateRequestSchema } from '../../../extension/contract/protocol';
import { readSettings } from '../../../extension/settings';
import { EXAMPLE_TOPIC, exampleDebateForm } from '../../../extension/walkthrough/example-debate';
import { startSimulator, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { removeLibraries, tempLibrary, TestWindow } from '../debate/panel-harness';

const settingsWith = (values: Record<string, unknown>) => readSettings((key) => values[key]);

describe('exampleDebateForm', () => {
  it('is a debate request the panel accepts once models are given: the example topic, two speakers in contrasting tones', () => {
    const form = exampleDebateForm(settingsWith({}));
    // Models stay empty until the panel has listed the installed ones (then each speaker gets one).
    const withModels = { ...form, speakers: form.speakers.map((speaker) => ({ ...speaker, model: 'llama3.2:1b' })) };
    expect(debateRequestSchema.safeParse(withModels).success).toBe(true);
    expect(form).toEqual({
      topic: EXAMPLE_TOPIC,
      speakers: [
        { model: '', tone: 'Philosopher' },
        { model: '', tone: 'Snarky' },
      ],
      exchanges: 2,
    });
  });

  it('keeps the models named in talkingModels.defaultSpeakers, even when only one is set', () => {
    const twoModels = settingsWith({ defaultSpeakers: [{ model: 'llama3.2:1b', tone: 'Cynic' }, { model: 'gemma3:1b' }] });
    expect(exampleDebateForm(twoModels).speakers.map((speaker) => speaker.model)).toEqual(['llama3.2:1b', 'gemma3:1b']);
    const oneSpeaker = settingsWith({ defaultSpeakers: [{ model: 'qwen2.5:0.5b' }] });
    expect(exampleDebateForm(oneSpeaker).speakers).toEqual([
      { model: 'qwen2.5:0.5b', tone: 'Philosopher' },
      { model: '', tone: 'Snarky' },
    ]);
  });
});

describe('a panel prefilled with the example debate', () => {
  let simulator: OllamaSimulator;
  let window: TestWindow;

  beforeEach(async () => {
    simulator = await startSimulator();
    window = new TestWindow(simulator.url, tempLibrary());
  });

  afterEach(async () => {
    window.dispose();
    await simulator.close();
    removeLibraries();
  });

  it('draws the example in its first picture, each speaker on a different installed model', async () => {
    const panel = window.open();
    panel.panel.prefill(exampleDebateForm(settingsWith({})));
    await panel.panel.receive({ type: 'ready' });
    const form = panel.of('init')[0]!.snapshot.form;
    expect(form.topic).toBe(EXAMPLE_TOPIC);
    expect(form.speakers).toEqual([
      { model: 'llama3.2:1b', tone: 'Philosopher' },
      { model: 'qwen2.5:0.5b', tone: 'Snarky' },
    ]);
    expect(form.exchanges).toBe(2);
    // Filled in, not started: the person reads it and presses Start.
    expect(panel.of('init')[0]!.snapshot.status).toBe('idle');
    expect(simulator.requests.filter((request) => request.path === '/api/chat')).toEqual([]);
  });

  it('leaves other new panels on the defaults from settings', async () => {
    window.open().panel.prefill(exampleDebateForm(settingsWith({})));
    const plain = window.open();
    await plain.panel.receive({ type: 'ready' });
    const form = plain.of('init')[0]!.snapshot.form;
    expect(form.topic).toBe('');
    expect(form.speakers.map((speaker) => speaker.tone)).toEqual(['Rational', 'Adversary']);
  });
});
