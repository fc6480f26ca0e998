import { describe, expect, it } from 'vitest';
import { debateIdFromState } from '../../../extension/debate/panel-directory';

describe('debateIdFromState', () => {
  it('reads the debate id a restored webview kept, and nothing else', () => {
    expect(debateIdFromState({ debateId: '20261201-110512-a3f9c2', form: {} })).toBe('20261201-110512-a3f9c2');
    // A panel of an older version kept a panel id: it comes back empty rather than wrong.
    for (const state of [undefined, null, 'x', {}, { panelId: '0b7c-41d2' }, { debateId: 7 }, { debateId: '../../etc' }, { debateId: '' }]) {
      expect(debateIdFromState(state)).toBeNull();
    }
  });
});
