// Citations of the debate's material in the panel, in real Chromium: a finished reply's
// citations of lines the material holds become links (running text, or a code span that is
// only the citation), showing those lines on hover and on focus, and posting `open-citation`
// on click, Enter and Space; everything else stays as written: lines outside the material,
// code blocks, the reply's own links, and markup posing as a citation link.
import { describe, expect, it } from 'vitest';
import type { DebateMaterial, Turn } from '../../engine/types';
import type { HostMessage, WebviewMessage } from '../../extension/contract/protocol';
import { debate, init, status, tokenize, tokenMessages, transcript, turn, turnEnd, turnId, turnStart } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelPerTest } from './panel-suite';

const MATERIAL: DebateMaterial = {
  excerpts: [{ path: 'src/app.ts', startLine: 2, endLine: 5, text: 'const a = 1;\nconst b = <b>2</b>;\nreturn a + b;\n}' }],
  diff: {
    kind: 'working-tree',
    text: [
      'diff --git a/lib/util.ts b/lib/util.ts',
      '--- a/lib/util.ts',
      '+++ b/lib/util.ts',
      '@@ -10,2 +10,3 @@',
      ' export function util() {',
      '+  log("called");',
      '   return 1;',
    ].join('\n'),
  },
};

const FAKE_LINK = '<a class="citation-link" role="link" tabindex="0" data-path="/etc/passwd" data-start-line="1">open the secrets</a>';

const REPLY = [
  'The sum at src/app.ts:3-4 is wrong; see also `src/app.ts:2`.',
  'Line src/app.ts:9 is not in the material, nor is other.ts:1, nor `src/app.ts:3 and more`.',
  '',
  '```ts',
  '// src/app.ts:3',
  '```',
  '',
  `A [link to src/app.ts:3](https://example.com/a) stays the reply's own. ${FAKE_LINK}`,
  '',
  'The diff adds lib/util.ts:11.',
].join('\n');

const panel = usePanelPerTest();

/** A finished debate shown whole, with `material` (null: none). */
function shown(turns: Turn[], material: DebateMaterial | null = MATERIAL): HostMessage {
  return debate({ status: 'done', transcript: transcript({ turns, outcome: 'complete', stopReason: 'exchanges', ...(material !== null && { material }) }) });
}

const body = (page: PanelPage) => page.page.locator(`article[data-turn-id="${turnId(0)}"] .turn-body`);

async function openCitations(page: PanelPage): Promise<WebviewMessage[]> {
  return (await page.posted()).filter((message) => message.type === 'open-citation');
}

describe('citations of the material in a reply', () => {
  it('links only the citations of lines the material holds, each named for what it opens', async () => {
    const page = panel();
    await page.send(init(), shown([turn(0, REPLY)]));
    const links = body(page).locator('.citation-link');
    await expect.poll(() => links.count(), { timeout: 10_000 }).toBe(3);
    expect(await links.evaluateAll((found) => found.map((link) => [link.textContent, link.getAttribute('role'), link.getAttribute('tabindex'), link.getAttribute('aria-label')]))).toEqual([
      ['src/app.ts:3-4', 'link', '0', 'Open src/app.ts lines 3–4'],
      ['src/app.ts:2', 'link', '0', 'Open src/app.ts line 2'],
      ['lib/util.ts:11', 'link', '0', 'Open lib/util.ts line 11'],
    ]);
    // The code span that is only a citation is kept inside its link.
    expect(await links.nth(1).locator('code').textContent()).toBe('src/app.ts:2');
    // Outside the material, in a code block, in a longer code span, in the reply's own link: as written.
    const text = (await body(page).textContent()) ?? '';
    for (const plain of ['src/app.ts:9', 'other.ts:1', 'src/app.ts:3 and more', '// src/app.ts:3']) expect(text).toContain(plain);
    expect(await body(page).locator('pre .citation-link, a[href] .citation-link').count()).toBe(0);
    expect(await body(page).locator('a[href]').evaluateAll((found) => found.map((link) => link.getAttribute('href')))).toEqual(['https://example.com/a']);
  });

  it('shows the cited lines, numbered, as text, on hover and on focus; Escape hides them before it stops a debate', async () => {
    const page = panel();
    await page.send(init(), shown([turn(0, REPLY)]));
    const link = body(page).locator('.citation-link').first();
    await expect.poll(() => link.count(), { timeout: 10_000 }).toBe(1);
    const cardId = await link.getAttribute('aria-describedby');
    const card = page.page.locator(`[id="${cardId}"]`);
    expect(await card.getAttribute('role')).toBe('tooltip');
    expect(await card.isVisible()).toBe(false);

    await link.hover();
    await expect.poll(() => card.isVisible()).toBe(true);
    const rows = () => card.locator('.citation-line').evaluateAll((lines) => lines.map((line) => [
      line.querySelector('.citation-line-number')?.textContent, line.querySelector('.citation-line-text')?.textContent,
    ]));
    // Exactly lines 3 and 4, the markup in the file shown as text.
    expect(await rows()).toEqual([['3', 'const b = <b>2</b>;'], ['4', 'return a + b;']]);
    expect(await card.locator('b').count()).toBe(0);
    expect(await card.locator('.citation-card-path').textContent()).toBe('src/app.ts');

    await page.page.mouse.move(0, 0);
    await expect.poll(() => card.isVisible()).toBe(false);

    // While a debate runs, Escape on a link first closes its card; only the next one stops the debate.
    await page.send(status('speaking'));
    await link.focus();
    await expect.poll(() => card.isVisible()).toBe(true);
    await page.page.keyboard.press('Escape');
    await expect.poll(() => card.isVisible()).toBe(false);
    const stops = async () => (await page.posted()).filter((message) => message.type === 'stop').length;
    expect(await stops()).toBe(0);
    await page.page.keyboard.press('Escape');
    await expect.poll(stops).toBe(1);
  });

  it('shows a diff citation\'s new lines, the added one marked', async () => {
    const page = panel();
    await page.send(init(), shown([turn(0, 'Both lib/util.ts:10-11 and lib/util.ts:13 matter.')]));
    const links = body(page).locator('.citation-link');
    // Line 13 is past the hunk's new lines (10-12): text.
    await expect.poll(() => links.count(), { timeout: 10_000 }).toBe(1);
    await links.first().focus();
    const card = page.page.locator(`[id="${await links.first().getAttribute('aria-describedby')}"]`);
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.locator('.citation-line').evaluateAll((lines) => lines.map((line) => [line.textContent, line.classList.contains('citation-line-added')]))).toEqual([
      ['10export function util() {', false],
      ['11  log("called");', true],
    ]);
  });

  it('posts open-citation with the cited range on click, Enter and Space', async () => {
    const page = panel();
    await page.send(init(), shown([turn(0, REPLY)]));
    const links = body(page).locator('.citation-link');
    await expect.poll(() => links.count(), { timeout: 10_000 }).toBe(3);
    await links.nth(0).click();
    await links.nth(1).focus();
    await page.page.keyboard.press('Enter');
    await links.nth(2).focus();
    await page.page.keyboard.press(' ');
    await expect.poll(() => openCitations(page)).toEqual([
      { type: 'open-citation', path: 'src/app.ts', startLine: 3, endLine: 4 },
      { type: 'open-citation', path: 'src/app.ts', startLine: 2, endLine: 2 },
      { type: 'open-citation', path: 'lib/util.ts', startLine: 11, endLine: 11 },
    ]);
  });

  it('never takes markup in a reply for a citation link', async () => {
    const page = panel();
    await page.send(init(), shown([turn(0, REPLY)]));
    await expect.poll(() => body(page).locator('.citation-link').count(), { timeout: 10_000 }).toBe(3);
    expect(await body(page).locator('[data-path], [data-start-line], [role="link"]:not(.citation-link)').count()).toBe(0);
    expect(await body(page).textContent()).toContain(FAKE_LINK);
    await body(page).getByText('open the secrets').click();
    await page.page.waitForTimeout(100);
    expect(await openCitations(page)).toEqual([]);
  });

  it('links nothing in a debate without material', async () => {
    const page = panel();
    await page.send(init(), shown([turn(0, REPLY)], null));
    await expect.poll(() => body(page).textContent(), { timeout: 10_000 }).toContain('src/app.ts:3-4');
    expect(await body(page).locator('.citation-link').count()).toBe(0);
  });

  it('links a streamed reply once its text is complete, not while it streams', async () => {
    const page = panel();
    const start: HostMessage = { type: 'debate-event', event: { type: 'run-start', transcript: transcript({ material: MATERIAL }) } };
    await page.send(init(), start, status('speaking'), turnStart(0), ...tokenMessages(0, tokenize(REPLY), 3));
    await page.frames();
    await expect.poll(() => body(page).textContent(), { timeout: 10_000 }).toContain('lib/util.ts:11');
    expect(await body(page).locator('.citation-link').count()).toBe(0);
    await page.send(turnEnd(0, REPLY));
    await expect.poll(() => body(page).locator('.citation-link').count(), { timeout: 10_000 }).toBe(3);
    // The moderator's turn is linked too: the AI moderator is sent the material as well.
    await page.send({ type: 'debate-event', event: { type: 'turn-end', turn: { kind: 'moderator', id: 'note-1', exchange: 1, text: 'Look at src/app.ts:5.', createdAt: '2025-11-25T09:00:30Z' } } });
    await expect.poll(() => page.page.locator('aside[data-turn-id="note-1"] .citation-link').count(), { timeout: 10_000 }).toBe(1);
  });
});
