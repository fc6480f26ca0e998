import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../engine/cli/args';
import { materialRequest, parseMaterialSpec, withMaterialDiffValue } from '../../engine/cli/material-args';

describe('parseMaterialSpec', () => {
  it('reads a path with a range, a single line, or none', () => {
    expect(parseMaterialSpec('src/a.ts:10-40')).toEqual({ ok: true, spec: { path: 'src/a.ts', range: { start: 10, end: 40 } } });
    expect(parseMaterialSpec('src/a.ts:7')).toEqual({ ok: true, spec: { path: 'src/a.ts', range: { start: 7, end: 7 } } });
    expect(parseMaterialSpec('src/a.ts')).toEqual({ ok: true, spec: { path: 'src/a.ts' } });
  });

  it('keeps a Windows drive colon in the path', () => {
    expect(parseMaterialSpec('C:\\repo\\a.ts:3-9')).toEqual({ ok: true, spec: { path: 'C:\\repo\\a.ts', range: { start: 3, end: 9 } } });
    expect(parseMaterialSpec('C:\\repo\\a.ts')).toEqual({ ok: true, spec: { path: 'C:\\repo\\a.ts' } });
  });

  it.each([
    ['', /needs a file/],
    ['src/a.ts:0-3', /lines run from 1 up/],
    ['src/a.ts:9-3', /lines run from 1 up/],
    ['src/a.ts:1-99999999999999999999', /lines run from 1 up/],
    [':3', /name the file before the lines/],
  ])('refuses %j', (value, message) => {
    const parsed = parseMaterialSpec(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('--material-diff', () => {
  it('gives a bare flag its default and joins a following word as its value', () => {
    expect(withMaterialDiffValue(['--material-diff'])).toEqual(['--material-diff=working-tree']);
    expect(withMaterialDiffValue(['--material-diff', '--topic', 't'])).toEqual(['--material-diff=working-tree', '--topic', 't']);
    expect(withMaterialDiffValue(['--material-diff', 'staged', '--x'])).toEqual(['--material-diff=staged', '--x']);
  });

  it('takes only the working tree or staged', () => {
    expect(materialRequest([], 'staged')).toEqual({ ok: true, request: { files: [], diff: 'staged' } });
    expect(materialRequest(undefined, undefined)).toEqual({ ok: true, request: undefined });
    expect(materialRequest([], 'all')).toMatchObject({ ok: false });
  });
});

describe('debate --material on the command line', () => {
  const base = ['debate', '--topic', 't', '--speaker', 'llama3.2:1b'];

  it('collects repeated --material values and the diff', () => {
    const parsed = parseCommandLine([...base, '--material', 'a.ts:1-2', '--material', 'b.ts', '--material-diff', 'staged']);
    expect(parsed).toMatchObject({ ok: true, command: { material: { files: [{ path: 'a.ts', range: { start: 1, end: 2 } }, { path: 'b.ts' }], diff: 'staged' } } });
    expect(parseCommandLine([...base, '--material-diff'])).toMatchObject({ ok: true, command: { material: { files: [], diff: 'working-tree' } } });
  });

  it('has no material without the flags, and a usage error for a bad range', () => {
    const parsed = parseCommandLine(base);
    expect(parsed.ok && parsed.command.kind === 'debate' && parsed.command.material).toBe(undefined);
    expect(parseCommandLine([...base, '--material', 'a.ts:5-1'])).toEqual({ ok: false, message: '--material a.ts:5-1: lines run from 1 up, the first no later than the last, e.g. a.ts:10-40' });
  });
});
