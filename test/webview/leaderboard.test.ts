// The Leaderboard panel in Chromium, behind the production CSP: the rankings drawn from a real
// leaderboard (engine/leaderboard through the host's view), sorting by a column header (click
// and Enter, aria-sort kept), the Models / Model + tone tabs (arrow keys too), the ratings chart
// and its text alternative, the speed table, the empty state and hostile model names.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { buildLeaderboard, type JudgedDebate } from '../../engine/leaderboard';
import type { LeaderboardView } from '../../extension/contract/leaderboard';
import { leaderboardView } from '../../extension/leaderboard/leaderboard-view';
import { launchChromium } from './harness';
import { LeaderboardPage, startLeaderboardServer, type LeaderboardServer } from './leaderboard-page';

let next = 0;
function debate(models: string[], winner: number | null, speed: Array<[number | null, number | null]> = []): JudgedDebate {
  next++;
  return {
    id: `d${next}`,
    speakers: models.map((spec, index) => {
      const [model, tone] = spec.split('/') as [string, string | undefined];
      return { model, tone: tone ?? 'Rational', host: index === 0 ? 'http://gpu:11434' : 'http://127.0.0.1:11434' };
    }),
    winner,
    turns: speed.map(([ttft, rate], index) => ({ speakerIndex: index, timeToFirstTokenMs: ttft, tokensPerSecond: rate })),
  };
}

/** gemma 4 wins, llama in the middle, qwen last; qwen has no timed turn. */
function sampleView(): LeaderboardView {
  const debates = [
    debate(['gemma3:4b/Cynic', 'llama3.2:1b/Polite'], 0, [[900, 20], [300, 60]]),
    debate(['gemma3:4b/Cynic', 'llama3.2:1b/Polite'], 0, [[1100, 22], [350, 55]]),
    debate(['gemma3:4b/Rational', 'llama3.2:1b/Polite'], 0),
    debate(['llama3.2:1b/Polite', 'gemma3:4b/Rational'], 1),
    debate(['llama3.2:1b/Polite', 'qwen2.5:0.5b/Snarky'], 0),
    debate(['llama3.2:1b/Snarky', 'qwen2.5:0.5b/Snarky'], 0),
    debate(['qwen2.5:0.5b/Snarky', 'gemma3:4b/Cynic'], 1),
    debate(['qwen2.5:0.5b/Snarky', 'llama3.2:1b/Polite'], 0),
  ];
  return leaderboardView(buildLeaderboard(debates, { seed: 3, resamples: 100 }));
}

describe('the Leaderboard panel (Chromium)', () => {
  let browser: Browser;
  let server: LeaderboardServer;
  let panel: LeaderboardPage;

  beforeAll(async () => {
    browser = await launchChromium();
    server = await startLeaderboardServer();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    panel = await LeaderboardPage.open(browser, server.origin);
  });

  afterEach(async () => {
    expect(await panel.cspViolations()).toEqual([]);
    await panel.page.close();
  });

  const models = '#ranking-panel';

  it('says it is reading until the host answers, then ranks the models with their figures', async () => {
    await expect.poll(() => panel.page.getByRole('status').innerText()).toBe('Reading the library…');
    await panel.send({ type: 'leaderboard', view: sampleView() });
    expect(await panel.column(models, 1)).toEqual(['gemma3:4b', 'llama3.2:1b', 'qwen2.5:0.5b']);
    expect(await panel.column(models, 0)).toEqual(['1', '2', '3']);
    const headers = await panel.page.locator(`${models} thead th`).allInnerTexts();
    expect(headers.map((text) => text.trim())).toEqual(['Rank', 'Model', 'Rating', '95% CI', 'W-L-T', 'Debates', 'Median TTFT', 'Tokens/s']);
    const gemma = await panel.page.locator(`${models} tbody tr`).first().locator('td').allInnerTexts();
    expect(gemma[4]).toBe('5-0-0');
    expect(gemma[3]).toMatch(/^\d{4}–\d{4}$/);
    expect(gemma[6]).toBe('1.00 s');
    expect(await panel.page.locator('.leaderboard-summary').innerText()).toContain('8 judged debates');
  });

  it('sorts by a column when its header is clicked, the other way on a second click, with aria-sort set', async () => {
    await panel.send({ type: 'leaderboard', view: sampleView() });
    const header = (name: string) => panel.page.locator(`${models} th`, { has: panel.page.getByRole('button', { name, exact: true }) });
    expect(await header('Rank').getAttribute('aria-sort')).toBe('ascending');
    expect(await header('Tokens/s').getAttribute('aria-sort')).toBe('none');

    await panel.page.locator(models).getByRole('button', { name: 'Tokens/s', exact: true }).click();
    expect(await header('Tokens/s').getAttribute('aria-sort')).toBe('descending');
    expect(await header('Rank').getAttribute('aria-sort')).toBe('none');
    // Fastest first; qwen, never timed, last either way.
    expect(await panel.column(models, 1)).toEqual(['llama3.2:1b', 'gemma3:4b', 'qwen2.5:0.5b']);
    await panel.page.locator(models).getByRole('button', { name: 'Tokens/s', exact: true }).click();
    expect(await header('Tokens/s').getAttribute('aria-sort')).toBe('ascending');
    expect(await panel.column(models, 1)).toEqual(['gemma3:4b', 'llama3.2:1b', 'qwen2.5:0.5b']);

    // The keyboard: focus stays on the header's button after the redraw, Enter sorts.
    await expect.poll(() => panel.page.evaluate('document.activeElement?.getAttribute("data-column")')).toBe('tokensPerSecond');
    await panel.page.locator(models).getByRole('button', { name: 'Rating', exact: true }).focus();
    await panel.page.keyboard.press('Enter');
    expect(await header('Rating').getAttribute('aria-sort')).toBe('descending');
    expect(await panel.column(models, 1)).toEqual(['gemma3:4b', 'llama3.2:1b', 'qwen2.5:0.5b']);
    await panel.page.keyboard.press('Enter');
    expect(await panel.column(models, 1)).toEqual(['qwen2.5:0.5b', 'llama3.2:1b', 'gemma3:4b']);
    // The chart follows the table's order.
    expect(await panel.page.locator('.chart-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-player')))).toEqual(['qwen2.5:0.5b', 'llama3.2:1b', 'gemma3:4b']);
  });

  it('switches to Model + tone by the tab (click or arrow keys), keeping each tab its own sort', async () => {
    await panel.send({ type: 'leaderboard', view: sampleView() });
    const tones = panel.page.getByRole('tab', { name: 'Model + tone' });
    await tones.click();
    expect(await tones.getAttribute('aria-selected')).toBe('true');
    expect(await panel.page.getByRole('tab', { name: 'Models' }).getAttribute('aria-selected')).toBe('false');
    expect(await panel.column(models, 2)).toHaveLength(5);
    expect((await panel.column(models, 1)).slice(0, 1)).toEqual(['gemma3:4b']);
    await panel.page.locator(models).getByRole('button', { name: 'Tone', exact: true }).click();
    expect(await panel.column(models, 2)).toEqual(['Cynic', 'Polite', 'Rational', 'Snarky', 'Snarky']);
    await tones.focus();
    await panel.page.keyboard.press('ArrowRight');
    expect(await panel.page.getByRole('tab', { name: 'Models' }).getAttribute('aria-selected')).toBe('true');
    expect(await panel.page.evaluate('document.activeElement?.textContent')).toBe('Models');
    expect(await panel.column(models, 1)).toEqual(['gemma3:4b', 'llama3.2:1b', 'qwen2.5:0.5b']);
    await panel.page.keyboard.press('ArrowLeft');
    // A new reading from the host keeps the tab and its sort.
    await panel.send({ type: 'leaderboard', view: sampleView() });
    expect(await panel.column(models, 2)).toEqual(['Cynic', 'Polite', 'Rational', 'Snarky', 'Snarky']);
  });

  it('draws the ratings chart: a dot per player, whiskers for the interval, and a text alternative', async () => {
    const view = sampleView();
    await panel.send({ type: 'leaderboard', view });
    const chart = panel.page.getByRole('img', { name: /Ratings with 95% intervals/ });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await panel.page.locator('.chart-dot').count()).toBe(3);
    expect(await panel.page.locator('.chart-whisker').count()).toBe(9);
    const description = await panel.page.locator('#rating-chart-desc').textContent();
    for (const row of view.models) expect(description).toContain(`${row.model}: ${row.rating.text}, 95% interval ${row.intervalText}`);
    // Higher ratings sit further right; each dot inside its whisker.
    const dots = await panel.page.locator('.chart-dot').evaluateAll((circles) => circles.map((circle) => Number(circle.getAttribute('cx'))));
    expect(dots[0]).toBeGreaterThan(dots[1] as number);
    expect(dots[1]).toBeGreaterThan(dots[2] as number);
    // Theme colours: the dot takes --vscode-charts-blue.
    expect(await panel.page.evaluate('getComputedStyle(document.querySelector(".chart-dot")).fill')).toBe('rgb(55, 148, 255)');
  });

  it('lists the speed per model and host, sortable', async () => {
    await panel.send({ type: 'leaderboard', view: sampleView() });
    const speed = '#speed-section';
    expect(await panel.column(speed, 0)).toEqual(['gemma3:4b', 'llama3.2:1b']);
    expect(await panel.column(speed, 1)).toEqual(['http://gpu:11434', 'http://127.0.0.1:11434']);
    expect(await panel.column(speed, 3)).toEqual(['1.00 s', '325 ms']);
    await panel.page.locator(speed).getByRole('button', { name: 'Median TTFT', exact: true }).click();
    expect(await panel.column(speed, 0)).toEqual(['llama3.2:1b', 'gemma3:4b']);
  });

  it('shows the empty state, whose button asks for the Debates view', async () => {
    await panel.send({ type: 'leaderboard', view: { judgedDebates: 0, resamples: 200, models: [], modelTones: [], speed: [] } });
    await expect
      .poll(() => panel.page.locator('.leaderboard-empty').innerText())
      .toContain('No judged debates yet — judge a debate (Judge Debate… in the Debates view) or run a tournament');
    expect(await panel.page.locator('table').count()).toBe(0);
    await panel.page.getByRole('button', { name: 'Show Debates View' }).click();
    await expect.poll(() => panel.posted()).toContainEqual({ type: 'showDebates' });
    await panel.page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => panel.posted()).toContainEqual({ type: 'refresh' });
  });

  it('says why when the library could not be read', async () => {
    await panel.send({ type: 'leaderboardFailed', message: 'EACCES: permission denied' });
    expect(await panel.page.getByRole('alert').innerText()).toContain('The leaderboard could not be read: EACCES: permission denied');
  });

  it('shows hostile model names as text, in the table and the chart', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold';
    const view = leaderboardView(buildLeaderboard([debate([hostile, 'plain'], 0)], { seed: 1, resamples: 20 }));
    await panel.send({ type: 'leaderboard', view });
    expect((await panel.column(models, 1))[0]).toBe(hostile);
    expect(await panel.page.locator('img, b').count()).toBe(0);
    expect(await panel.page.locator('.chart-row').first().getAttribute('data-player')).toBe(hostile);
    expect(await panel.page.evaluate('window.__pwned')).toBeUndefined();
  });
});
