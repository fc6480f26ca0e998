import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeFs } from '../../engine/library/library-fs';
import { clearLiveTurns, readLiveTurns, writeLiveTurns } from '../../engine/library/live-turn';
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
  it('writes, rewrites and reads back the turns in progress', () => {
    const folder = tempFolder();
    writeLiveTurns(nodeFs, folder, [TURN]);
    const other = { ...TURN, turnId: 't-4', speakerIndex: 0, speaker: 'Ada', text: 'At the same time' };
    writeLiveTurns(nodeFs, folder, [{ ...TURN, text: `${TURN.text} more`, tokens: 8, thinking: 'hmm' }, other]);
    expect(readLiveTurns(nodeFs, folder)).toEqual([{ ...TURN, text: `${TURN.text} more`, tokens: 8, thinking: 'hmm' }, other]);
    expect(readdirSync(folder)).toEqual(['live-turn.json']);
  });

  it('reads the single turn an older version wrote', () => {
    const folder = tempFolder();
    writeFileSync(join(folder, 'live-turn.json'), JSON.stringify(TURN));
    expect(readLiveTurns(nodeFs, folder)).toEqual([TURN]);
  });

  it('is empty when missing or invalid', () => {
    const folder = tempFolder();
    expect(readLiveTurns(nodeFs, folder)).toEqual([]);
    writeFileSync(join(folder, 'live-turn.json'), '{"turnId": "t-3", "te');
    expect(readLiveTurns(nodeFs, folder)).toEqual([]);
    writeFileSync(join(folder, 'live-turn.json'), JSON.stringify({ ...TURN, tokens: 'seven' }));
    expect(readLiveTurns(nodeFs, folder)).toEqual([]);
    writeFileSync(join(folder, 'live-turn.json'), JSON.stringify([TURN, { ...TURN, tokens: 'seven' }]));
    expect(readLiveTurns(nodeFs, folder)).toEqual([]);
  });

  it('clear removes it, and clearing twice is fine', () => {
    const folder = tempFolder();
    writeLiveTurns(nodeFs, folder, [TURN]);
    clearLiveTurns(nodeFs, folder);
    clearLiveTurns(nodeFs, folder);
    expect(readLiveTurns(nodeFs, folder)).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
  });
});
