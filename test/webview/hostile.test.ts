// Model output is untrusted: a reply full of HTML, event handlers and
// javascript: links must show as text or inert markup and never run, both while
// it streams (the live turn's tail) and once the turn is rendered whole.
import { describe, expect, it } from 'vitest';
import { init, moderatorNote, moderatorTurn, runStart, status, tokenize, tokenMessages, turnEnd, turnStart } from './fixtures';
import { usePanelBrowser } from './panel-suite';

const HOSTILE_REPLY = [
  'Here is my rebuttal <script>window.__pwned = "script"</script>',
  '',
  '<img src="x" onerror="window.__pwned = \'img\'">',
  '',
  '<a href="javascript:window.__pwned = \'a\'">a tag</a> and <svg onload="window.__pwned = \'svg\'"><circle r="4"/></svg>',
  '',
  '[markdown link](javascript:window.__pwned=\'md\') and [spaced](  JaVaScRiPt:window.__pwned=\'md2\') and [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '',
  '<iframe srcdoc="<script>parent.__pwned = \'iframe\'</script>"></iframe><div style="background:url(javascript:1)">styled</div>',
  '',
  '![remote](https://example.invalid/tracker.png) <details open ontoggle="window.__pwned = \'details\'">x</details>',
  '',
  'A [real link](https://ollama.com/library) stays a link.',
].join('\n');

const openPanel = usePanelBrowser();

describe('a hostile reply', () => {
  it.each([
    ['while streaming', false],
    ['after its turn ends', true],
  ])('never executes and shows as text (%s)', async (_label, finished) => {
    const panel = await openPanel();
    try {
      const { page } = panel;
      await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize(HOSTILE_REPLY), 3));
      if (finished) await panel.send(turnEnd(0, HOSTILE_REPLY));
      await panel.frames();

      const body = page.locator('article[data-turn-id="turn-0"] .turn-body');
      // Let any event handler or navigation that slipped through have its chance to run.
      await page.waitForTimeout(200);
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(await panel.cspViolations()).toEqual([]);
      expect(await body.locator('script, img, svg, iframe, details, [style], [onerror], [onload]').count()).toBe(0);

      const text = (await body.textContent()) ?? '';
      expect(text).toContain('<script>window.__pwned = "script"</script>');
      expect(text).toContain('<img src="x" onerror=');
      expect(text).toContain('[markdown link](javascript:');

      // Only http(s) links are links (the image becomes a plain link, never a request), and none can reach back into the page.
      const hrefs = await body.locator('a').evaluateAll((links) => links.map((link) => [link.getAttribute('href'), link.getAttribute('rel')]));
      expect(hrefs).toEqual([
        ['https://example.invalid/tracker.png', 'noopener noreferrer'],
        ['https://ollama.com/library', 'noopener noreferrer'],
      ]);

      // Clicking the text that looks like links does nothing.
      await body.getByText('a tag').click();
      await page.waitForTimeout(100);
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
    } finally {
      await panel.close();
    }
  });

  it('is inert in a moderator\'s note too', async () => {
    const panel = await openPanel();
    try {
      const { page } = panel;
      await panel.send(init(), runStart(), moderatorNote(moderatorTurn('note-1', HOSTILE_REPLY)));
      await page.waitForTimeout(200);
      const body = page.locator('aside[data-turn-id="note-1"] .moderator-body');
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(await panel.cspViolations()).toEqual([]);
      expect(await body.locator('script, img, svg, iframe, details, [style], [onerror], [onload]').count()).toBe(0);
      expect(await body.textContent()).toContain('<script>window.__pwned = "script"</script>');
    } finally {
      await panel.close();
    }
  });

  it('is inert in the speaker name, model and tone too (rendered as text)', async () => {
    const panel = await openPanel();
    try {
      const { page } = panel;
      await panel.send(init(), runStart(), {
        type: 'debate-event',
        event: { type: 'turn-start', turnId: 'turn-0', speakerIndex: 0, speaker: '<img src=x onerror="window.__pwned=1">', model: '<b>m</b>', tone: '<script>window.__pwned=2</script>', exchange: 1 },
      });
      await panel.frames();
      expect(await page.locator('.speaker-name').textContent()).toBe('<img src=x onerror="window.__pwned=1">');
      expect(await page.locator('article img, article b, article script').count()).toBe(0);
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
      expect(await panel.cspViolations()).toEqual([]);
    } finally {
      await panel.close();
    }
  });
});
