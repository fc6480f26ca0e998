// The verdict card in the real panel (Chromium, production CSP): the scores as a table screen
// readers can walk (speakers as row headers, criteria as column headers, the mean over the
// orders), the winner or a tie and why, the rationale, the judge model, the family warning,
// the seed and orders; earlier verdicts folded; "verdict unavailable" with the engine's reason
// and no verdict made up; hostile names and rationales stay text; and the vote of the closing
// statements beside it.
import { describe, expect, it } from 'vitest';
import { init, runStart, status, turn } from './fixtures';
import { usePanelPerTest } from './panel-suite';
import { closingTurn, judgedDebate, judgeMessage, JUDGE_MODEL, TWO_TURNS, verdict } from './verdict-fixtures';

// A fresh panel per test, checked afterwards to have broken no CSP rule.
const currentPanel = usePanelPerTest();

describe('the verdict card', () => {
  it('shows the scores as a table with headers, the winner, the rationale, the judge, the seed and the orders', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init(), judgedDebate([verdict()]));
    const card = page.getByRole('article', { name: `Verdict of ${JUDGE_MODEL}` });
    await expect.poll(() => card.count()).toBe(1);
    const table = card.getByRole('table', { name: 'Scores from 1 to 10, the mean of 2 orders' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Speaker', 'Argument strength', 'Evidence', 'Rebuttal', 'Staying in tone', 'Overall']);
    const rowHeaders = table.getByRole('rowheader');
    expect(await rowHeaders.count()).toBe(2);
    expect(await rowHeaders.nth(0).textContent()).toBe('Speaker 1llama3.2:1bwinner');
    expect(await rowHeaders.nth(1).textContent()).toBe('Speaker 2qwen2.5:7b');
    expect(await table.locator('tbody tr').nth(0).locator('td').allTextContents()).toEqual(['8.0', '7.5', '7.0', '9.0', '7.9']);
    expect(await table.locator('tbody tr').nth(1).locator('td').allTextContents()).toEqual(['5.0', '4.5', '6.0', '8.0', '5.9']);
    expect(await card.locator('th[scope="col"]').count()).toBe(6);
    expect(await card.locator('th[scope="row"]').count()).toBe(2);

    expect(await card.locator('.verdict-outcome').textContent()).toBe('Speaker 1 wins (every order agreed)');
    expect(await card.locator('.verdict-rationale').textContent()).toBe('Speaker 1 answered every objection; Speaker 2 repeated itself.');
    expect(await card.locator('.verdict-judge-model').textContent()).toBe(JUDGE_MODEL);
    expect(await card.locator('.verdict-method').textContent()).toContain('seed 4242, in 2 orders; a win counts only when every order agrees');
    expect(await card.getByRole('list', { name: 'Orders judged' }).locator('li').allTextContents()).toEqual([
      'Order 1: A Speaker 2, B Speaker 1 · named Speaker 1',
      'Order 2: A Speaker 1, B Speaker 2 · named Speaker 1 (after asking again with the schema restated)',
    ]);
    expect(await card.locator('.verdict-warning').count()).toBe(0);
    // The judge action stays, to judge again.
    expect(await page.getByRole('button', { name: 'Judge…', exact: true }).isEnabled()).toBe(true);
  });

  it('says a tie, and why: the judge called it even, or the orders disagreed so no win counts', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const disagreed = verdict({ winner: null, orders: [{ sides: [1, 0], winner: 1, retried: false }, { sides: [0, 1], winner: 0, retried: false }] });
    await panel.send(init(), judgedDebate([disagreed]));
    const outcome = page.locator('.verdict-card .verdict-outcome');
    await expect.poll(() => outcome.textContent()).toBe('A tie (the orders disagreed, so no win counts)');
    expect(await page.locator('.verdict-winner-badge').count()).toBe(0);

    const even = verdict({ winner: null, orders: [{ sides: [1, 0], winner: null, retried: false }, { sides: [0, 1], winner: null, retried: false }] });
    await panel.send(judgedDebate([even]));
    await expect.poll(() => outcome.textContent()).toBe('A tie (the judge called it even)');
    expect(await page.getByRole('list', { name: 'Orders judged' }).locator('li').allTextContents()).toEqual([
      'Order 1: A Speaker 2, B Speaker 1 · called a tie', 'Order 2: A Speaker 1, B Speaker 2 · called a tie',
    ]);
  });

  it('shows the family warning, and says when the debate grew after it was judged', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const warning = 'The judge llama3.2:3b is of the llama family (from Ollama), as is Speaker 1 (llama3.2:1b, from Ollama): a judge tends to favour its own family.';
    await panel.send(init(), judgedDebate([verdict({ familyWarning: warning, turnsJudged: 2 })], [...TWO_TURNS, turn(2, 'Tabs again.')]));
    const note = page.getByRole('note');
    await expect.poll(() => note.textContent()).toBe(warning);
    expect(await page.locator('.verdict-note').textContent()).toBe('Judged on the first 2 turns; the debate has 3 now.');
  });

  it('shows the newest verdict, the earlier ones folded, newest first', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const first = verdict({ judgeModel: 'phi4:14b', createdAt: '2025-11-25T09:02:00Z' });
    const second = verdict({ judgeModel: 'mistral:7b', createdAt: '2025-11-25T09:03:00Z', winner: null });
    const newest = verdict({ judgeModel: 'gemma3:4b', createdAt: '2025-11-25T09:04:00Z' });
    await panel.send(init(), judgedDebate([first, second, newest]));
    const earlier = page.locator('details.earlier-verdicts');
    await expect.poll(() => earlier.count()).toBe(1);
    expect(await page.locator('.outcome-verdicts > .verdict-card .verdict-judge-model').textContent()).toBe('gemma3:4b');
    expect(await earlier.getAttribute('open')).toBeNull();
    expect(await earlier.locator('summary').textContent()).toBe('Earlier verdicts (2)');
    expect(await earlier.locator('.verdict-card .verdict-judge-model').allTextContents()).toEqual(['mistral:7b', 'phi4:14b']);
    // Opened from the keyboard, as a disclosure does.
    await earlier.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await earlier.getAttribute('open')).toBe('');
    expect(await earlier.locator('.verdict-card').first().isVisible()).toBe(true);
  });

  it('says "verdict unavailable" with the reason, and draws no verdict', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const reason = 'in order 2 of 2, the answer is not JSON; asked again with the schema restated, the answer is not JSON';
    await panel.send(init(), judgedDebate([]), judgeMessage({ kind: 'unavailable', debateId: 'debate-1', model: JUDGE_MODEL, reason }));
    const alert = page.locator('.verdict-unavailable');
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.getAttribute('role')).toBe('alert');
    expect(await alert.locator('.verdict-outcome').textContent()).toBe(`Verdict unavailable: ${reason}`);
    expect(await page.locator('table, .verdict-card:not(.verdict-unavailable)').count()).toBe(0);
    // Another debate's judging says nothing about this one.
    await panel.send(judgeMessage({ kind: 'unavailable', debateId: 'another-debate', model: JUDGE_MODEL, reason }));
    await expect.poll(() => alert.count()).toBe(0);
  });

  it('keeps hostile names, models and rationales as text: nothing becomes markup or runs', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const hostile = '<img src=x onerror="window.__pwned = 1"><script>window.__pwned = 2</script>**bold** [link](javascript:alert(1))';
    const card = verdict({
      judgeModel: '<b>judge</b>',
      rationale: hostile,
      familyWarning: `<iframe src="javascript:window.__pwned=3"></iframe>`,
      scores: [
        { speakerIndex: 0, speaker: '<svg onload="window.__pwned=4">', model: '<i>m</i>', scores: { argument: 8, evidence: 8, rebuttal: 8, tone: 8 }, overall: 8 },
        { speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:7b', scores: { argument: 5, evidence: 5, rebuttal: 5, tone: 5 }, overall: 5 },
      ],
    });
    await panel.send(init(), judgedDebate([card]), judgeMessage({ kind: 'failed', debateId: 'debate-1', model: '<b>x</b>', error: { kind: 'unknown', message: hostile } }));
    const article = page.locator('article.verdict-card');
    await expect.poll(() => article.count()).toBe(1);
    expect(await article.locator('.verdict-rationale').textContent()).toBe(hostile);
    expect(await article.locator('.verdict-judge-model').textContent()).toBe('<b>judge</b>');
    expect(await article.locator('.verdict-speaker-name').first().textContent()).toBe('<svg onload="window.__pwned=4">');
    expect(await article.locator('.verdict-outcome').textContent()).toBe('<svg onload="window.__pwned=4"> wins (every order agreed)');
    expect(await page.locator('.judge-failure').textContent()).toContain(hostile);
    expect(await page.locator('.outcome img, .outcome script, .outcome svg, .outcome iframe, .outcome b, .outcome i, .outcome a').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
  });

  it('fits a 320 px panel: the table scrolls in its own focusable box, the page does not', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await page.setViewportSize({ width: 320, height: 800 });
    await panel.send(init(), judgedDebate([verdict()]));
    const box = page.getByRole('region', { name: 'Scores' });
    await expect.poll(() => box.count()).toBe(1);
    expect(await box.getAttribute('tabindex')).toBe('0');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
  });
});

describe('the vote of the closing statements', () => {
  it('counts the answers and who gave them, and names the majority', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const turns = [...TWO_TURNS, closingTurn(2, 'Tabs', 0), closingTurn(3, 'tabs.', 1)];
    await panel.send(init(), judgedDebate([], turns));
    const tally = page.getByRole('region', { name: 'Vote of the closing statements' });
    await expect.poll(() => tally.count()).toBe(1);
    expect(await tally.locator('.vote-result').textContent()).toBe('Majority: “Tabs”, 2 of the 2 closing statements.');
    const table = tally.getByRole('table', { name: 'Answers given in the closing statements' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(['Answer', 'Votes', 'Given by']);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['Tabs']);
    expect(await table.locator('tbody td').allTextContents()).toEqual(['2', 'Speaker 1, Speaker 2']);
  });

  it('says "no majority" when no answer holds more than half, and who gave none', async () => {
    const panel = currentPanel();
    const { page } = panel;
    const turns = [...TWO_TURNS, closingTurn(2, 'Tabs', 0), closingTurn(3, null, 1)];
    await panel.send(init(), judgedDebate([], turns));
    const tally = page.getByRole('region', { name: 'Vote of the closing statements' });
    await expect.poll(() => tally.count()).toBe(1);
    expect(await tally.locator('.vote-result').textContent()).toBe('No majority: no answer holds more than half of the 2 closing statements.');
    expect(await tally.locator('.vote-missing').textContent()).toBe('No answer from Speaker 2.');
    // A debate without closing statements shows no vote.
    await panel.send(judgedDebate([]));
    await expect.poll(() => tally.count()).toBe(0);
  });

  it('shows nothing of the outcome before a debate has turns, and no Judge action while it runs', async () => {
    const panel = currentPanel();
    const { page } = panel;
    await panel.send(init());
    expect(await page.locator('section.outcome').isHidden()).toBe(true);
    await panel.send(runStart('Tabs or spaces?', 1, [turn(0, 'Tabs.')]), status('speaking'));
    await panel.frames();
    expect(await page.getByRole('button', { name: 'Judge…', exact: true }).isVisible()).toBe(false);
  });
});
