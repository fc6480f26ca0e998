import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../engine/library/library-fs';
import { clearLiveTurn, readLiveTurn, writeLiveTurn } from '../../engine/library/live-turn';
import type { LiveTurnRecord } from '../../engine/store';
import { tempFolder } from './fixtures';

const TURN: LiveTurnRecord = {
  turnId: 't-3',
  speakerIndex: 1,
  speaker: 'Bob',
  model: 'qwen3:4b',
  tone: 'Cynic',
  exchange: 2,
  text: 'So far, <b>so</b> "good"\n',
  tokens: 7,
  startedAt: '2026-12-01T11:05:12.000Z',
};

describe('live-turn.json', () => {
  it('writes, rewrites and reads back the turn in progress', () => {
    const folder = tempFolder();
    writeLiveTurn(nodeFs, folder, TURN);
    writeLiveTurn(nodeFs, folder, { ...TURN, text: `${TURN.text} more`, tokens: 8, thinking: 'hmm' });
    expect(readLiveTurn(nodeFs, folder)).toEqual({ ...TURN, text: `${TURN.text} more`, tokens: 8, thinking: 'hmm' });
    expect(readdirSync(folder)).toEqual(['live-turn.json']);
  });

  it('is null when missing or invalid', () => {
    const folder = tempFolder();
    expect(readLiveTurn(nodeFs, folder)).toBeNull();
    writeFileSync(join(folder, 'live-turn.json'), '{"turnId": "t-3", "te');
    expect(readLiveTurn(nodeFs, folder)).toBeNull();
    writeFileSync(join(folder, 'live-turn.json'), JSON.stringify({ ...TURN, tokens: 'seven' }));
    expect(readLiveTurn(nodeFs, folder)).toBeNull();
  });

  it('clear removes it, and clearing twice is fine', () => {
    const folder = tempFolder();
    writeLiveTurn(nodeFs, folder, TURN);
    clearLiveTurn(nodeFs, folder);
    clearLiveTurn(nodeFs, folder);
    expect(readLiveTurn(nodeFs, folder)).toBeNull();
    expect(readdirSync(folder)).toEqual([]);
  });
});
