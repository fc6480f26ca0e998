// A persona problem is shown once per window: the first new one of each reading; the same
// problems read again (settings.json saved, another setting changed) show nothing.
import { describe, expect, it } from 'vitest';
import { ProblemNotice } from '../../../extension/personas/problem-notice';

describe('ProblemNotice', () => {
  it('shows the first problem not shown before, once', () => {
    const notice = new ProblemNotice();
    expect(notice.toShow([])).toBeNull();
    expect(notice.toShow(['a', 'b'])).toBe('a');
    // b was part of the warning's reading (the log has it): not shown on its own later.
    expect(notice.toShow(['a', 'b'])).toBeNull();
    expect(notice.toShow(['b'])).toBeNull();
    expect(notice.toShow(['b', 'c'])).toBe('c');
    expect(notice.toShow(['c', 'a'])).toBeNull();
  });
});
