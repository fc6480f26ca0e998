import { describe, expect, it } from 'vitest';
import type { ModelListing } from '../../../extension/models/model-catalog';
import { OllamaStatusMonitor } from '../../../extension/status/status-monitor';
import type { StatusView } from '../../../extension/status/status-rules';
import { fakeLog } from '../debate/panel-harness';
import { ManualScheduler } from '../manual-scheduler';

const HOST = 'http://127.0.0.1:11434';
const model = (name: string) => ({ name, sizeBytes: 1, family: null, parameterSize: null, quantization: null, modifiedAt: null });
const up = (count: number): ModelListing => ({ ok: true, host: HOST, models: Array.from({ length: count }, (_, index) => model(`m${index}:1b`)) });
const down: ModelListing = { ok: false, host: HOST, error: { kind: 'unreachable', message: `Cannot reach Ollama at ${HOST}.` } };

/** A monitor whose listings answer when the test says, and a status bar item recording what it shows. */
function setUp() {
  const scheduler = new ManualScheduler();
  const pending: ((listing: ModelListing) => void)[] = [];
  const shown: (StatusView | 'hidden')[] = [];
  const monitor = new OllamaStatusMonitor({
    list: () => new Promise<ModelListing>((resolve) => pending.push(resolve)),
    display: { show: (view) => shown.push(view), hide: () => shown.push('hidden') },
    scheduler,
    log: fakeLog(),
  });
  /** Answers the oldest listing still asked for. */
  const answer = async (listing: ModelListing): Promise<void> => {
    const resolve = pending.shift();
    if (resolve === undefined) throw new Error('no listing was asked for');
    resolve(listing);
    await Promise.resolve();
    await Promise.resolve();
  };
  const text = () => {
    const last = shown.at(-1);
    return last === 'hidden' || last === undefined ? last : last.text;
  };
  return { monitor, scheduler, pending, shown, answer, text };
}

describe('when the Ollama status item shows and asks again', () => {
  it('shows only while a debate is open: asking at once, then the answer; hidden when the last one closes', async () => {
    const { monitor, pending, shown, answer, text } = setUp();
    expect(shown).toEqual([]);
    monitor.debatesChanged(true, 'opened');
    expect(text()).toBe('$(sync~spin) Ollama');
    expect(pending).toHaveLength(1);
    await answer(up(3));
    expect(text()).toBe('$(comment-discussion) Ollama: 3 models');
    monitor.debatesChanged(false, 'closed');
    expect(text()).toBe('hidden');
  });

  it('asks again when a debate opens or gets the focus, not when one of several closes', async () => {
    const { monitor, pending, answer, text } = setUp();
    monitor.debatesChanged(true, 'opened');
    await answer(up(2));
    monitor.debatesChanged(true, 'opened');
    expect(pending).toHaveLength(1);
    await answer(up(3));
    monitor.debatesChanged(true, 'focused');
    expect(pending).toHaveLength(1);
    await answer(down);
    expect(text()).toBe('$(warning) Ollama not reachable');
    expect(monitor.action).toBe('walkthrough');
    monitor.debatesChanged(true, 'closed');
    expect(pending).toHaveLength(0);
  });

  it('asks again every 30 s while it shows in a focused window, and not at all in the background or once hidden', async () => {
    const { monitor, scheduler, pending, answer, text } = setUp();
    monitor.debatesChanged(true, 'opened');
    // One timer at a time, set once an answer is in: no pile-up behind a slow server.
    expect(scheduler.pendingCount).toBe(0);
    await answer(up(1));
    expect(scheduler.pendingCount).toBe(1);
    scheduler.runAll();
    expect(pending).toHaveLength(1);
    await answer(down);
    expect(text()).toBe('$(warning) Ollama not reachable');
    expect(scheduler.pendingCount).toBe(1);

    monitor.windowFocusChanged(false);
    expect(scheduler.pendingCount).toBe(0);
    monitor.windowFocusChanged(true);
    expect(pending).toHaveLength(1);
    await answer(up(2));
    expect(text()).toBe('$(comment-discussion) Ollama: 2 models');
    expect(scheduler.pendingCount).toBe(1);

    monitor.debatesChanged(false, 'closed');
    expect(scheduler.pendingCount).toBe(0);
    monitor.windowFocusChanged(false);
    monitor.windowFocusChanged(true);
    expect(pending).toHaveLength(0);
  });

  it('never lets an older answer overwrite a newer one', async () => {
    const { monitor, pending, text } = setUp();
    monitor.debatesChanged(true, 'opened');
    monitor.debatesChanged(true, 'focused');
    expect(pending).toHaveLength(2);
    const [first, second] = pending.splice(0);
    second?.(up(4));
    await Promise.resolve();
    first?.(down);
    await Promise.resolve();
    expect(text()).toBe('$(comment-discussion) Ollama: 4 models');
    // The catalog's broadcast after a pull is newer than a listing still on its way.
    monitor.debatesChanged(true, 'focused');
    monitor.listed(up(5));
    pending.shift()?.(up(4));
    await Promise.resolve();
    expect(text()).toBe('$(comment-discussion) Ollama: 5 models');
  });

  it('takes what the model catalog lists after a pull, and asks again when the host setting changes', async () => {
    const { monitor, pending, answer, text } = setUp();
    monitor.debatesChanged(true, 'opened');
    await answer(up(1));
    monitor.listed(up(2));
    expect(text()).toBe('$(comment-discussion) Ollama: 2 models');
    monitor.hostChanged();
    expect(pending).toHaveLength(1);
    await answer(down);
    expect(text()).toBe('$(warning) Ollama not reachable');
  });

  it('shows what it last knew when it comes back, while it asks again, and drops an answer that arrives after it hid', async () => {
    const { monitor, pending, shown, answer, text } = setUp();
    monitor.debatesChanged(true, 'opened');
    await answer(down);
    monitor.debatesChanged(true, 'focused');
    monitor.debatesChanged(false, 'closed');
    const shownBefore = shown.length;
    await answer(up(3));
    expect(shown).toHaveLength(shownBefore);
    expect(text()).toBe('hidden');
    monitor.debatesChanged(true, 'opened');
    expect(text()).toBe('$(warning) Ollama not reachable');
    expect(pending).toHaveLength(1);
  });

  it('does nothing more once disposed', async () => {
    const { monitor, scheduler, pending, shown, answer } = setUp();
    monitor.debatesChanged(true, 'opened');
    await answer(up(1));
    monitor.dispose();
    expect(scheduler.pendingCount).toBe(0);
    const shownBefore = shown.length;
    monitor.debatesChanged(true, 'focused');
    monitor.listed(up(2));
    monitor.windowFocusChanged(false);
    monitor.windowFocusChanged(true);
    expect(pending).toHaveLength(0);
    expect(shown).toHaveLength(shownBefore);
  });
});
