// Errors said once, in one place, and export from the panel: the rules as pure functions,
// then the real webview bundle in Chromium under the production CSP. Ollama not answering
// (the banner with Retry and Open Settings, no "Ready", Start naming the real cause, code
// spans as <code>), a dropped connection said once on its turn with Retry this turn, and
// Export (off with a reason while there is no turn, on while the first turn streams, the
// "Saved to" notice whose link opens the file again).
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DebateError } from '../../engine/types';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../extension/contract/protocol';
import { exportableDebate } from '../../extension/contract/snapshot';
import { bannerError, codeSpans, exportBlockedReason, startRefusal, statusText } from '../../media/src/format';
import { HOST, init, runEnd, runStart, status, tokenize, tokenMessages, transcript, turn, turnEnd, turnStart } from './fixtures';
import { usePanelPerTest } from './panel-suite';

const UNREACHABLE: DebateError = {
  kind: 'unreachable',
  message: `Cannot reach Ollama at ${HOST}: start it with \`ollama serve\` or check the host setting.`,
  host: HOST,
};

function errorEvent(error: DebateError): HostMessage {
  return { type: 'debate-event', event: { type: 'error', error } };
}

describe('the rules', () => {
  it('splits a message at its code spans; unpaired or empty backticks stay as written', () => {
    expect(codeSpans('start it with `ollama serve` or `ollama pull x`.')).toEqual([
      { code: false, text: 'start it with ' }, { code: true, text: 'ollama serve' }, { code: false, text: ' or ' },
      { code: true, text: 'ollama pull x' }, { code: false, text: '.' },
    ]);
    expect(codeSpans('`a``b`')).toEqual([{ code: true, text: 'a' }, { code: true, text: 'b' }]);
    expect(codeSpans('an unpaired ` backtick')).toEqual([{ code: false, text: 'an unpaired ` backtick' }]);
    expect(codeSpans('empty `` pair')).toEqual([{ code: false, text: 'empty `` pair' }]);
    expect(codeSpans('`<img src=x onerror=alert(1)>` <b>')).toEqual([{ code: true, text: '<img src=x onerror=alert(1)>' }, { code: false, text: ' <b>' }]);
    expect(codeSpans('')).toEqual([]);
  });

  it('shows one error: the debate\'s unless its failed turn says it, else the host not answering', () => {
    const dropped: DebateError = { kind: 'stream-dropped', message: 'The connection to Ollama dropped during Speaker 1\'s turn; the partial reply is kept.' };
    const saidByTurn = [turn(0, 'Half a', 'failed', dropped.message)];
    expect(bannerError({ debateError: dropped, turns: saidByTurn, connectionError: null })).toBeNull();
    expect(bannerError({ debateError: dropped, turns: saidByTurn, connectionError: UNREACHABLE })).toEqual({ error: UNREACHABLE, source: 'connection' });
    // A turn that failed for another reason, or was stopped, does not say this error.
    for (const turns of [[turn(0, 'Half a', 'failed', 'The run ended before this turn did.')], [turn(0, 'Half a', 'stopped', dropped.message)], []]) {
      expect(bannerError({ debateError: dropped, turns, connectionError: UNREACHABLE })).toEqual({ error: dropped, source: 'debate' });
    }
    // Only the last speaker turn counts: an earlier failure, retried since, says nothing of a new error.
    const retried = [turn(0, 'Half a', 'failed', dropped.message), turn(1, 'Fine.')];
    expect(bannerError({ debateError: dropped, turns: retried, connectionError: null })?.source).toBe('debate');
    expect(bannerError({ debateError: null, turns: [], connectionError: null })).toBeNull();
  });

  it('Start names the real cause while the models can not be listed, for a missing model only', () => {
    const noModel = { field: 'speakers.1.model', message: 'Choose a model for Speaker 2.' };
    expect(startRefusal(noModel, UNREACHABLE)).toBe(UNREACHABLE.message);
    expect(startRefusal(noModel, null)).toBe('Choose a model for Speaker 2.');
    const noTopic = { field: 'topic', message: 'Enter a topic for the debate.' };
    expect(startRefusal(noTopic, UNREACHABLE)).toBe('Enter a topic for the debate.');
    expect(startRefusal({ field: 'speakers.0.tone', message: 'Choose a tone for Speaker 1.' }, UNREACHABLE)).toBe('Choose a tone for Speaker 1.');
  });

  it('says "Ready" only once Ollama answered', () => {
    expect(statusText('idle', { host: HOST, speaking: null, connection: 'answering' })).toMatch(/^Ready\./);
    expect(statusText('idle', { host: HOST, speaking: null, connection: 'checking' })).toBe(`Looking for Ollama at ${HOST}…`);
    expect(statusText('idle', { host: '', speaking: null, connection: 'checking' })).toBe('Looking for Ollama…');
    const down = statusText('idle', { host: HOST, speaking: null, connection: 'not-answering' });
    expect(down).not.toContain('Ready');
    expect(down).toContain(HOST);
  });

  it('exports what is there, the turn in progress included; nothing while there is no turn at all', () => {
    const live = { turnId: 'turn-1', speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:7b', tone: 'Cynic', exchange: 1, text: 'Half a', tokens: 2 };
    const first = turn(0, 'Spaces.');
    expect(exportableDebate({ transcript: null, liveTurns: [] })).toBeNull();
    expect(exportableDebate({ transcript: transcript({ outcome: 'failed' }), liveTurns: [] })).toBeNull();
    expect(exportableDebate({ transcript: transcript({ turns: [first] }), liveTurns: [] })).toEqual({ transcript: transcript({ turns: [first] }), inProgressTurnIds: [] });
    // While the first turn streams, and later.
    for (const turns of [[], [first]]) {
      const exported = exportableDebate({ transcript: transcript({ turns }), liveTurns: [live] });
      expect(exported?.inProgressTurnIds).toEqual(['turn-1']);
      expect(exported?.transcript.turns.map((t) => t.id)).toEqual([...turns.map((t) => t.id), 'turn-1']);
      expect(exported?.transcript.turns.at(-1)).toMatchObject({ kind: 'speaker', text: 'Half a', speaker: 'Speaker 2' });
      expect(exported?.transcript.turns.at(-1)).not.toHaveProperty('note');
    }
    // A turn being regenerated: its new reply in place of the earlier one.
    const regenerating = exportableDebate({ transcript: transcript({ turns: [first, turn(1, 'Old reply.')] }), liveTurns: [live] });
    expect(regenerating?.transcript.turns.map((t) => t.text)).toEqual(['Spaces.', 'Half a']);

    expect(exportBlockedReason({ transcript: null, liveTurns: [] })).toBe('Nothing to export yet: start a debate first.');
    expect(exportBlockedReason({ transcript: transcript({ outcome: 'failed' }), liveTurns: [] })).toBe('Nothing to export yet: this debate has no turn.');
    expect(exportBlockedReason({ transcript: transcript(), liveTurns: [live] })).toBeNull();
  });
});

describe('in Chromium', () => {
  const currentPanel = usePanelPerTest();

  /** Every message posted since the last clear, each accepted by the host's own validation. */
  async function validPosted(): Promise<WebviewMessage[]> {
    const posted = await currentPanel().posted();
    for (const message of posted) expect(parseWebviewMessage(message).ok, JSON.stringify(message)).toBe(true);
    return posted;
  }

  /** How many visible elements on the page hold `text` themselves (not through a child that holds it). */
  function placesSaying(text: string): Promise<number> {
    return currentPanel().page.evaluate(`[...document.querySelectorAll('body *')].filter((element) => !element.hidden && element.offsetParent !== null
      && element.textContent.includes(${JSON.stringify(text)})
      && ![...element.children].some((child) => child.textContent.includes(${JSON.stringify(text)}))).length`) as Promise<number>;
  }

  describe('Ollama not answering', () => {
    it('is said once, in the banner, with Retry and Open Settings; the status is not "Ready"; code spans are <code>', async () => {
      const panel = currentPanel();
      const { page } = panel;
      await panel.send(init({ models: null, form: { topic: 'Tabs or spaces?', speakers: [{ model: '', tone: 'Rational' }, { model: '', tone: 'Cynic' }], exchanges: 3 } }));
      expect(await page.locator('.status-line').textContent()).toContain(`Looking for Ollama at ${HOST}`);
      await panel.send({ type: 'models-error', error: UNREACHABLE });

      const banner = page.locator('.error-banner');
      expect(await banner.getAttribute('role')).toBe('alert');
      expect(await banner.isVisible()).toBe(true);
      expect(await banner.locator('code').allTextContents()).toEqual(['ollama serve']);
      expect(await banner.locator('.error-message').textContent()).toBe(`Cannot reach Ollama at ${HOST}: start it with ollama serve or check the host setting.`);
      expect(await page.locator('body').textContent()).not.toContain('`');
      expect(await placesSaying('Cannot reach Ollama')).toBe(1);
      expect(await page.getByRole('button', { name: 'Retry', exact: true }).count()).toBe(1);
      const statusLine = await page.locator('.status-line').textContent();
      expect(statusLine).not.toContain('Ready');
      expect(statusLine).toContain('Not ready');
      expect(await page.locator('.status-line .codicon-warning').count()).toBe(1);

      await panel.clearPosted();
      await banner.getByRole('button', { name: 'Retry', exact: true }).click();
      await banner.getByRole('button', { name: 'Open Settings', exact: true }).click();
      expect(await validPosted()).toEqual([{ type: 'refresh-models' }, { type: 'open-settings' }]);

      // Start says why no debate can start: the host, not "Choose a model".
      await panel.clearPosted();
      await page.getByRole('button', { name: 'Start debate', exact: true }).click();
      const refusal = page.locator('.form-error');
      expect(await refusal.textContent()).toContain(`Cannot reach Ollama at ${HOST}`);
      expect(await refusal.textContent()).not.toContain('Choose a model');
      expect(await refusal.locator('code').allTextContents()).toEqual(['ollama serve']);
      expect(await panel.posted()).toEqual([]);

      // Ollama answers: the error goes, and the panel is ready.
      await panel.send({ type: 'models', models: [{ name: 'llama3.2:1b', sizeBytes: 1, parameterSize: '1.2B', quantization: 'Q8_0', family: 'llama', modifiedAt: null }], host: HOST });
      expect(await banner.isVisible()).toBe(false);
      expect(await page.locator('.status-line').textContent()).toContain('Ready');
    });

    it('a debate started anyway fails with the same words: still one error, whose Retry runs that debate on', async () => {
      const panel = currentPanel();
      const { page } = panel;
      await panel.send(init(), { type: 'models-error', error: UNREACHABLE });
      await panel.send(runStart(), status('connecting'), errorEvent(UNREACHABLE), runEnd([], 'failed'));
      expect(await placesSaying('Cannot reach Ollama')).toBe(1);
      expect(await page.locator('.error-banner:visible').count()).toBe(1);
      expect(await page.locator('.status-line').textContent()).toContain('Debate failed');
      await panel.clearPosted();
      await page.locator('.error-banner').getByRole('button', { name: 'Retry', exact: true }).click();
      expect(await validPosted()).toEqual([{ type: 'continue' }]);
    });

    it('renders hostile words in code spans and around them as text, never as markup', async () => {
      const panel = currentPanel();
      const { page } = panel;
      const hostile = [
        'Bad host `<img src=x onerror="window.__pwned=1">`: see `<script>window.__pwned=2</script>`.',
        'Unpaired ` <b>bold</b> and `<a href="javascript:alert(1)">x</a>',
        '`` <svg onload="window.__pwned=3"> ``',
      ];
      for (const message of hostile) {
        await panel.send({ type: 'models-error', error: { kind: 'unreachable', message, host: HOST } });
        const text = await page.locator('.error-banner .error-message').textContent();
        expect(text).toBe(codeSpans(message).map((part) => part.text).join(''));
        expect(await page.locator('.error-banner .error-message').evaluate((element) => element.querySelectorAll('*:not(code)').length)).toBe(0);
      }
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
    });
  });

  it('looks like one error with its actions (screenshot to test-output/webview-unreachable.png)', async () => {
    const panel = currentPanel();
    await panel.page.setViewportSize({ width: 700, height: 600 });
    await panel.send(init({ models: null }), { type: 'models-error', error: UNREACHABLE });
    await panel.page.getByRole('button', { name: 'Start debate', exact: true }).click();
    await panel.frames();
    mkdirSync('test-output', { recursive: true });
    await panel.page.screenshot({ path: 'test-output/webview-unreachable.png' });
    // The code span is set apart from the words around it (the editor's font on a code background).
    const fonts = await panel.page.evaluate(`['.error-banner code', '.error-banner .error-message']
      .map((selector) => getComputedStyle(document.querySelector(selector)).fontFamily)`) as string[];
    expect(fonts[0]).not.toBe(fonts[1]);
  });

  describe('a dropped connection', () => {
    const faults: { label: string; error: DebateError; text: string }[] = [
      { label: 'dropped mid-reply', text: 'Half a thought', error: { kind: 'stream-dropped', message: `The connection to Ollama at ${HOST} dropped during Speaker 1's turn; the partial reply is kept.`, speaker: 'Speaker 1' } },
      { label: 'fell silent', text: 'Half a', error: { kind: 'stream-dropped', message: `Speaker 1 (llama3.2:1b) stopped sending mid-reply: nothing from ${HOST} for 60 s, so the turn was ended and the partial reply is kept.` } },
      { label: 'no first token', text: '', error: { kind: 'first-token-timeout', message: `Speaker 1 (llama3.2:1b) produced no text within 120 s on ${HOST}: the model may still be loading.` } },
      { label: 'an HTTP error mid-reply', text: 'Half', error: { kind: 'http', status: 500, message: 'Ollama answered 500 during Speaker 1\'s turn: out of memory.' } },
    ];

    for (const { label, error, text } of faults) {
      it(`${label}: said once, on the failed turn, with Retry this turn; after a reload too`, async () => {
        const panel = currentPanel();
        const { page } = panel;
        const failed = turn(0, text, 'failed', error.message);
        await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize(text)),
          turnEnd(0, text, 'failed', error.message), errorEvent(error), runEnd([failed], 'failed'));
        const expectSaidOnce = async (): Promise<void> => {
          expect(await placesSaying(error.message)).toBe(1);
          expect(await page.locator('article[data-turn-id="turn-0"] .turn-note').textContent()).toBe(error.message);
          expect(await page.locator('.error-banner').isVisible()).toBe(false);
          expect(await page.getByRole('alert').filter({ hasText: error.message }).count()).toBe(0);
          expect(await page.getByText('The transcript so far is kept').count()).toBe(0);
        };
        await expectSaidOnce();
        await panel.clearPosted();
        await page.locator('article[data-turn-id="turn-0"]').getByRole('button', { name: 'Retry this turn', exact: true }).click();
        expect(await validPosted()).toEqual([{ type: 'regenerate', turnId: 'turn-0' }]);

        // The snapshot after a reload holds the error and the failed turn: still said once.
        await panel.send(init({ status: 'failed', error, transcript: transcript({ turns: [failed], outcome: 'failed', stopReason: 'error' }) }));
        await expectSaidOnce();
      });
    }

    it('an error no turn says (the host gone before the first token) stays in the banner', async () => {
      const panel = currentPanel();
      const { page } = panel;
      await panel.send(init(), runStart(), status('connecting'), errorEvent(UNREACHABLE), runEnd([], 'failed'));
      expect(await page.locator('.error-banner').isVisible()).toBe(true);
      expect(await placesSaying('Cannot reach Ollama')).toBe(1);
    });
  });

  describe('Export', () => {
    const exportButton = () => currentPanel().page.getByRole('button', { name: 'Export to Markdown', exact: true });

    it('is off, saying why, while the debate has no turn; on as soon as the first turn streams', async () => {
      await currentPanel().send(init());
      expect(await exportButton().isDisabled()).toBe(true);
      expect(await exportButton().getAttribute('title')).toBe('Nothing to export yet: start a debate first.');

      // Failed before anyone spoke.
      await currentPanel().send(runStart(), status('connecting'), errorEvent(UNREACHABLE), runEnd([], 'failed'));
      expect(await exportButton().isDisabled()).toBe(true);
      expect(await exportButton().getAttribute('title')).toBe('Nothing to export yet: this debate has no turn.');

      // The first turn streams: what is there can be exported.
      await currentPanel().send(runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('Spaces, because')));
      expect(await exportButton().isDisabled()).toBe(false);
      expect(await exportButton().getAttribute('title')).toBeNull();
      await currentPanel().clearPosted();
      await exportButton().click();
      expect(await validPosted()).toEqual([{ type: 'export' }]);
    });

    it('keeps "Saved to <path>" with a link that opens the file again, while the debate runs on', async () => {
      const panel = currentPanel();
      const { page } = panel;
      const path = '/work/debate-tabs-or-spaces-2025-11-25.md';
      await panel.send(init(), runStart('Tabs or spaces?', 2), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('Spaces.')));
      await panel.send({ type: 'exported', path });
      const notice = page.locator('.notice');
      expect(await notice.textContent()).toBe(`Saved to ${path}`);
      // The turns go on; the notice stays.
      await panel.send(turnEnd(0, 'Spaces.'), turnStart(1), ...tokenMessages(1, tokenize('Tabs.')), turnEnd(1, 'Tabs.'), runEnd([turn(0, 'Spaces.'), turn(1, 'Tabs.')]));
      expect(await notice.textContent()).toBe(`Saved to ${path}`);

      await panel.clearPosted();
      const link = notice.getByRole('button', { name: path, exact: true });
      expect(await link.getAttribute('title')).toBe('Open the exported file beside the panel');
      await link.click();
      expect(await validPosted()).toEqual([{ type: 'open-export', path }]);
      // Keyboard: the link is a button, reached and pressed like one.
      await panel.clearPosted();
      await link.focus();
      await page.keyboard.press('Enter');
      expect(await validPosted()).toEqual([{ type: 'open-export', path }]);

      // A hostile path is shown as text.
      await panel.send({ type: 'exported', path: '/tmp/<img src=x onerror="window.__pwned=1">.md' });
      expect(await notice.locator('img').count()).toBe(0);
      expect(await page.evaluate('window.__pwned')).toBeUndefined();
    });
  });
});
