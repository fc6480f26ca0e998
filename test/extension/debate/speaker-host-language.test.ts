// A speaker's own Ollama host and the debate language on the extension's side: the start
// request the host accepts or refuses (in the form's words), what the engine is given, what a
// saved debate's form keeps (Continue, branch, reopen), the default speakers' hosts from
// settings, and those hosts restricted to the user's settings in an untrusted workspace.
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../../engine/types';
import { parseWebviewMessage, type DebateRequest } from '../../../extension/contract/protocol';
import { defaultForm, formOf, toDebateConfig } from '../../../extension/debate/debate-request';
import { settingsSpeakerHost, untrustedDefaultSpeakers } from '../../../extension/models/speaker-host-settings';
import { readSettings } from '../../../extension/settings';

const settings = readSettings(() => undefined);
const HOST = 'http://127.0.0.1:11434';

function startRequest(patch: Record<string, unknown>, speakerPatch: Record<string, unknown> = {}) {
  return parseWebviewMessage({
    type: 'start',
    request: { topic: 'Cats?', exchanges: 1, speakers: [{ model: 'a', tone: 'Cynic' }, { model: 'b', tone: 'Cynic', ...speakerPatch }], ...patch },
  });
}

function accepted(patch: Record<string, unknown>, speakerPatch: Record<string, unknown> = {}): DebateRequest {
  const parsed = startRequest(patch, speakerPatch);
  if (!parsed.ok || parsed.message.type !== 'start') throw new Error(JSON.stringify(parsed));
  return parsed.message.request;
}

const saved: Transcript = {
  id: 'd1', topic: 'Cats?', exchanges: 2, turns: [], startedAt: '2025-01-01T00:00:00Z', endedAt: null, outcome: 'complete', stopReason: 'exchanges',
  speakers: [{ name: 'Speaker 1', model: 'a', tone: 'Cynic' }, { name: 'Speaker 2', model: 'b', tone: 'Cynic', host: 'http://gpu-box:11434' }],
};

describe('the debate language in the start request', () => {
  it('is carried to the engine, trimmed, and left out when absent', () => {
    expect(toDebateConfig(accepted({ language: ' French ' }), settings, HOST).language).toBe('French');
    expect('language' in toDebateConfig(accepted({}), settings, HOST)).toBe(false);
  });

  it('refuses what is no language name', () => {
    for (const language of ['', '   ', 'x'.repeat(41), '\u0007\u001b', 42]) {
      const parsed = startRequest({ language });
      expect(parsed.ok, JSON.stringify(language)).toBe(false);
      if (!parsed.ok) expect(parsed.reason.startsWith('request.language')).toBe(true);
    }
  });

  it('is kept in the form of a saved debate (reopened, continued or branched), and the host accepts that form', () => {
    const form = formOf({ ...saved, language: 'Simplified Chinese' });
    expect(form.language).toBe('Simplified Chinese');
    expect('language' in formOf(saved)).toBe(false);
    expect(parseWebviewMessage({ type: 'start', request: form }).ok).toBe(true);
  });
});

describe("a speaker's own host", () => {
  it('is carried to the engine as that speaker\'s host; the others keep the debate\'s', () => {
    const config = toDebateConfig(accepted({}, { host: ' gpu-box:11434 ' }), settings, HOST);
    expect(config.speakers.map((speaker) => speaker.host)).toEqual([undefined, 'gpu-box:11434']);
    expect(config.host).toBe(HOST);
  });

  it('is refused, naming the speaker, when it is not an address', () => {
    for (const host of ['ftp://gpu-box', 'http://gpu-box/?q=1', 'http://', 'h'.repeat(2049)]) {
      const parsed = startRequest({}, { host });
      expect(parsed.ok, host).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(/^request\.speakers\.1\.host/);
    }
    const parsed = startRequest({}, { host: 'ftp://gpu-box' });
    expect(parsed.ok ? '' : parsed.reason).toContain("Speaker 2's Ollama host is not an address");
  });

  it('is kept in the form of a saved debate', () => {
    expect(formOf(saved).speakers.map((speaker) => speaker.host)).toEqual([undefined, 'http://gpu-box:11434']);
  });

  it('may be asked to list its models, as typed; an empty or oversized host is refused', () => {
    expect(parseWebviewMessage({ type: 'list-host-models', host: ' gpu-box ' })).toEqual({ ok: true, message: { type: 'list-host-models', host: 'gpu-box' } });
    expect(parseWebviewMessage({ type: 'list-host-models', host: ' ' }).ok).toBe(false);
    expect(parseWebviewMessage({ type: 'list-host-models', host: 'h'.repeat(2049) }).ok).toBe(false);
  });
});

describe('default speakers with hosts in settings', () => {
  it('start a new panel with each valid host; a malformed or empty one is left out', () => {
    const withHosts = readSettings((key) => (key === 'defaultSpeakers'
      ? [{ model: 'a', tone: 'Cynic', host: ' gpu-box:11434 ' }, { model: 'b', tone: 'Cynic', host: 'ftp://x' }, { model: 'c', tone: 'Cynic', host: '' }, { model: 'd', tone: 'Cynic', host: 7 }]
      : undefined));
    expect(defaultForm(withHosts, null).speakers.map((speaker) => speaker.host)).toEqual(['gpu-box:11434', undefined, undefined, undefined]);
    expect(settingsSpeakerHost('http://[::1')).toBeUndefined();
  });

  it('in an untrusted workspace come from the user settings only: a workspace\'s speakers keep models and tones, lose hosts', () => {
    const user = [{ model: 'u', tone: 'Cynic', host: 'http://mine:11434' }];
    const workspace = [{ model: 'w', tone: 'Polite', host: 'http://attacker.example:11434' }, 'not a speaker'];
    expect(untrustedDefaultSpeakers({ globalValue: user, workspaceValue: workspace })).toEqual([{ model: 'w', tone: 'Polite' }, 'not a speaker']);
    expect(untrustedDefaultSpeakers({ globalValue: user, workspaceFolderValue: [{ model: 'f', tone: 'Cynic', host: 'evil:1' }] })).toEqual([{ model: 'f', tone: 'Cynic' }]);
    expect(untrustedDefaultSpeakers({ globalValue: user })).toBe(user);
    expect(untrustedDefaultSpeakers({ defaultValue: [{ model: '', tone: 'Rational' }] })).toEqual([{ model: '', tone: 'Rational' }]);
    expect(untrustedDefaultSpeakers(undefined)).toBeUndefined();
    const read = readSettings((key) => (key === 'defaultSpeakers' ? untrustedDefaultSpeakers({ globalValue: user, workspaceValue: workspace }) : undefined));
    expect(read.defaultSpeakers.map((speaker) => [speaker.model, speaker.host])).toEqual([['w', undefined], ['', undefined]]);
  });
});
