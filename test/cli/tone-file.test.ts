import { describe, expect, it } from 'vitest';
import { CliError } from '../../engine/cli/io';
import { parseToneFile } from '../../engine/cli/tone-file';

describe('parseToneFile', () => {
  it('reads an array of tones', () => {
    expect(parseToneFile('[{"name":"Pirate","prompt":"Speak like a pirate."}]', 't.json')).toEqual([
      { name: 'Pirate', prompt: 'Speak like a pirate.' },
    ]);
  });

  it.each([
    ['{ nope', 'not valid JSON'],
    ['{"name":"Pirate","prompt":"Arr"}', 'must hold a JSON array'],
    ['[{"name":"Pirate"}]', 'must hold a JSON array'],
    ['[{"name":"Pirate","prompt":"Arr","extra":1}]', 'must hold a JSON array'],
    ['[{"name":"cynic","prompt":"Mine."}]', 'clashes with a built-in tone'],
    ['[{"name":"","prompt":"Mine."}]', 'name is empty'],
  ])('rejects %s, naming the file', (text, reason) => {
    let caught: unknown;
    try {
      parseToneFile(text, 't.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CliError);
    expect((caught as CliError).message).toContain('t.json');
    expect((caught as CliError).message).toContain(reason);
  });
});
