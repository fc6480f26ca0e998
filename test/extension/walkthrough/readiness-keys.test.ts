import { describe, expect, it } from 'vitest';
import type { OllamaReadiness } from '../../../extension/walkthrough/ollama-readiness';
import { ReadinessKeys } from '../../../extension/walkthrough/readiness-keys';
import { ManualScheduler } from '../manual-scheduler';

const READY = { reachable: true, hasModels: true };
const NOT_YET = { reachable: false, hasModels: false };

function keys() {
  const scheduler = new ManualScheduler();
  const set: OllamaReadiness[] = [];
  return { keys: new ReadinessKeys((readiness) => set.push(readiness), scheduler), scheduler, set };
}

describe('ReadinessKeys', () => {
  it('sets what a check found at once when nothing holds them', () => {
    const { keys: readinessKeys, set } = keys();
    readinessKeys.publish(READY);
    expect(set).toEqual([READY]);
  });

  it('keeps them false while held, then sets the last readiness found (so the key turns true after VS Code registered the steps)', () => {
    const { keys: readinessKeys, scheduler, set } = keys();
    readinessKeys.hold();
    readinessKeys.publish({ reachable: true, hasModels: false });
    readinessKeys.publish(READY);
    expect(set).toEqual([NOT_YET]);
    scheduler.runAll();
    expect(set).toEqual([NOT_YET, READY]);
  });

  it('sets them false again on each hold, one release per hold under way', () => {
    const { keys: readinessKeys, scheduler, set } = keys();
    readinessKeys.publish(READY);
    readinessKeys.hold();
    readinessKeys.hold();
    expect(scheduler.pendingCount).toBe(1);
    scheduler.runAll();
    expect(set).toEqual([READY, NOT_YET, NOT_YET, READY]);
  });

  it('releases nothing once disposed', () => {
    const { keys: readinessKeys, scheduler, set } = keys();
    readinessKeys.hold();
    readinessKeys.publish(READY);
    readinessKeys.dispose();
    expect(scheduler.pendingCount).toBe(0);
    expect(set).toEqual([NOT_YET]);
  });
});
