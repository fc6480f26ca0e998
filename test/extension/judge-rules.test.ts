// The judge's pure rules: when a panel may judge (the host refuses, the webview disables Judge…
// with the reason), which model it proposes, how progress is worded, how the engine's reason
// reads.
import { describe, expect, it } from 'vitest';
import type { DebateStatus, DebateView } from '../../extension/contract/protocol';
import type { ModelInfo, SpeakerTurn, Transcript } from '../../engine/types';
import { judgeBlockedReason, judgingStep, proposedJudgeModel } from '../../extension/contract/judge-rules';
import { unavailableReason } from '../../extension/judge/judge-runner';
import { memoryJudgeChoice } from '../../extension/judge/panel-judge';

function speakerTurn(speakerIndex: number, text: string): SpeakerTurn {
  return {
    kind: 'speaker', id: `t${speakerIndex}-${text.length}`, exchange: 1, speakerIndex, speaker: `Speaker ${speakerIndex + 1}`, model: 'm:1b', tone: 'Rational', text, status: 'complete',
    metrics: { timeToFirstTokenMs: null, durationMs: 0, tokens: 0, tokensPerSecond: null, loadDurationMs: null, promptTokens: null },
  };
}

function transcript(turns: SpeakerTurn[]): Transcript {
  return {
    id: 'd', topic: 'T', speakers: [{ name: 'Speaker 1', model: 'llama3.2:1b', tone: 'Rational' }, { name: 'Speaker 2', model: 'qwen2.5:7b', tone: 'Cynic' }],
    exchanges: 1, startedAt: '', endedAt: null, turns, outcome: 'complete', stopReason: 'exchanges',
  };
}

const BOTH = transcript([speakerTurn(0, 'Tabs.'), speakerTurn(1, 'Spaces.')]);

function view(status: DebateStatus, shown: Transcript | null = BOTH, access: DebateView['access'] = { kind: 'writable' }): Pick<DebateView, 'transcript' | 'status' | 'access'> {
  return { status, transcript: shown, access };
}

function model(name: string): ModelInfo {
  return { name, sizeBytes: 1, parameterSize: null, quantization: null, family: null, modifiedAt: null };
}

describe('judgeBlockedReason', () => {
  it('allows a finished, stopped, failed, paused or interrupted debate of two sides', () => {
    for (const status of ['done', 'stopped', 'failed', 'paused', 'interrupted', 'idle'] as const) expect(judgeBlockedReason(view(status))).toBeNull();
  });

  it.each([
    ['no debate', view('idle', null), 'no debate is shown'],
    ['connecting', view('connecting'), 'the debate is running; judge it once it stops'],
    ['speaking', view('speaking'), 'the debate is running; judge it once it stops'],
    ['pausing', view('pausing'), 'the debate is running; judge it once it stops'],
    ['read-only', view('running-elsewhere', BOTH, { kind: 'read-only', reason: 'CLI' }), 'the debate runs elsewhere; judge it once it ends'],
    ['unavailable', view('idle', BOTH, { kind: 'unavailable', debateId: 'd', reason: 'gone' }), 'the debate is not available from the library'],
    ['one side', view('done', transcript([speakerTurn(0, 'Tabs.'), speakerTurn(0, 'Still tabs.')])), 'a verdict needs at least two speakers who said something'],
    ['a side that said nothing', view('stopped', transcript([speakerTurn(0, 'Tabs.'), speakerTurn(1, '  ')])), 'a verdict needs at least two speakers who said something'],
  ])('refuses: %s', (_case, shown, reason) => {
    expect(judgeBlockedReason(shown)).toBe(reason);
  });
});

describe('proposedJudgeModel', () => {
  const installed = [model('llama3.2:1b'), model('qwen2.5:7b'), model('gemma3:4b')];

  it('proposes the remembered model, installed or not', () => {
    expect(proposedJudgeModel('phi4:14b', installed, BOTH.speakers)).toBe('phi4:14b');
    expect(proposedJudgeModel(' gemma3:4b ', null, BOTH.speakers)).toBe('gemma3:4b');
  });

  it('else the first installed model no speaker uses, else the first installed, else nothing', () => {
    expect(proposedJudgeModel('', installed, BOTH.speakers)).toBe('gemma3:4b');
    expect(proposedJudgeModel('', installed, [{ model: 'llama3.2:1b' }])).toBe('qwen2.5:7b');
    expect(proposedJudgeModel('', [model('llama3.2:1b')], BOTH.speakers)).toBe('llama3.2:1b');
    expect(proposedJudgeModel('', [], BOTH.speakers)).toBe('');
    expect(proposedJudgeModel('', null, BOTH.speakers)).toBe('');
  });
});

describe('words', () => {
  it('judgingStep says the order, and the retry', () => {
    expect(judgingStep({ order: 0, orders: 0, retry: false })).toBe('Judging: reading the debate…');
    expect(judgingStep({ order: 1, orders: 2, retry: false })).toBe('Judging: order 1 of 2…');
    expect(judgingStep({ order: 3, orders: 3, retry: true })).toBe('Judging: order 3 of 3, asking again with the schema restated…');
  });

  it('unavailableReason drops the engine\'s own "verdict unavailable: " only at the start', () => {
    expect(unavailableReason('verdict unavailable: in order 1 of 2: model gone')).toBe('in order 1 of 2: model gone');
    expect(unavailableReason('a verdict needs at least two speakers who said something')).toBe('a verdict needs at least two speakers who said something');
    expect(unavailableReason('the verdict unavailable: x')).toBe('the verdict unavailable: x');
  });

  it('memoryJudgeChoice remembers the last model chosen over the setting', () => {
    const choice = memoryJudgeChoice('gemma3:4b');
    expect(choice.remembered()).toBe('gemma3:4b');
    choice.remember('phi4:14b');
    expect(choice.remembered()).toBe('phi4:14b');
    expect(memoryJudgeChoice().remembered()).toBe('');
  });
});
