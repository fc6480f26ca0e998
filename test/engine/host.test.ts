import { describe, expect, it } from 'vitest';
import { EngineError } from '../../engine/errors';
import { DEFAULT_OLLAMA_HOST, normalizeHost, resolveHost } from '../../engine/host';

describe('host', () => {
  it.each([
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['[::]:11434', 'http://127.0.0.1:11434'],
    [':11500', 'http://127.0.0.1:11500'],
    ['gpu-box', 'http://gpu-box:11434'],
    ['gpu-box:8080', 'http://gpu-box:8080'],
    ['http://gpu-box', 'http://gpu-box'],
    ['https://ollama.example.com/', 'https://ollama.example.com'],
    [' http://127.0.0.1:11434/ ', 'http://127.0.0.1:11434'],
  ])('normalises %s to %s', (raw, expected) => {
    expect(normalizeHost(raw)).toBe(expected);
  });

  it.each(['', 'ftp://box', 'http://', 'http://h:11434/?x=1', 'not a host'])('rejects %j', (raw) => {
    expect(normalizeHost(raw)).toBeNull();
  });

  it('prefers the explicit host, then OLLAMA_HOST, then the default', () => {
    const env = { OLLAMA_HOST: '0.0.0.0:11434' };
    expect(resolveHost('http://gpu:11434', env)).toBe('http://gpu:11434');
    expect(resolveHost(null, env)).toBe('http://127.0.0.1:11434');
    expect(resolveHost('  ', { OLLAMA_HOST: 'box:1234' })).toBe('http://box:1234');
    expect(resolveHost(undefined, {})).toBe(DEFAULT_OLLAMA_HOST);
  });

  it('throws an actionable EngineError for a malformed host', () => {
    expect(() => resolveHost(undefined, { OLLAMA_HOST: 'ftp://x' })).toThrow(EngineError);
    let thrown: unknown = null;
    try {
      resolveHost('http://', {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EngineError);
    expect((thrown as EngineError).detail).toMatchObject({ kind: 'invalid-config', field: 'host' });
  });
});
