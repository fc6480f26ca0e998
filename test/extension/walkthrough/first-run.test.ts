import { describe, expect, it } from 'vitest';
import { firstRunDecision, type FirstRunFacts } from '../../../extension/walkthrough/first-run';

const notRunning = { reachable: false, hasModels: false };
const noModel = { reachable: true, hasModels: false };
const ready = { reachable: true, hasModels: true };
const facts = (overrides: Partial<FirstRunFacts>): FirstRunFacts => ({ decidedBefore: false, openWalkthroughs: undefined, readiness: notRunning, ...overrides });

describe('firstRunDecision', () => {
  it('offers the walkthrough once to someone without Ollama or without a model', () => {
    expect(firstRunDecision(facts({}))).toBe('offer');
    expect(firstRunDecision(facts({ readiness: noModel }))).toBe('offer');
    expect(firstRunDecision(facts({ openWalkthroughs: true }))).toBe('offer');
  });

  it('remembers without offering when Ollama already answers with a model', () => {
    expect(firstRunDecision(facts({ readiness: ready }))).toBe('set-up-already');
  });

  it('never offers twice', () => {
    for (const readiness of [notRunning, noModel, ready]) expect(firstRunDecision(facts({ decidedBefore: true, readiness }))).toBe('not-now');
  });

  it('offers nothing, and decides nothing, while VS Code is told not to open walkthroughs (test profiles)', () => {
    for (const readiness of [notRunning, noModel, ready]) expect(firstRunDecision(facts({ openWalkthroughs: false, readiness }))).toBe('not-now');
  });
});
