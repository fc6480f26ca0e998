// The debate panel's script in real Chromium under the production CSP: the
// handshake, the form, a streamed debate, stop, errors with their actions,
// keyboard use and accessible names.
import { mkdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWebviewMessage, type WebviewMessage } from '../../extension/contract/protocol';
import {
  HOST, init, moderatorNote, moderatorTurn, MODELS, runEnd, runStart, status, tokenize, tokenMessages, transcript, turn, turnEnd, turnStart,
} from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

const openPanel = usePanelBrowser();
let panel: PanelPage;

beforeEach(async () => {
  panel = await openPanel();
});

afterEach(async () => {
  expect(await panel.cspViolations()).toEqual([]);
  await panel.close();
});

const MARKDOWN_REPLY = [
  'Spaces are the *only* sane choice, and here is **why**:',
  '',
  '- they look the same everywhere',
  '- diffs stay aligned',
  '',
  '```python',
  'def indent(line):',
  '    return "    " + line',
  '```',
  '',
  'Tabs lose.',
].join('\n');

function byType<T extends WebviewMessage['type']>(type: T) {
  return (message: WebviewMessage): boolean => message.type === type;
}

describe('handshake and form', () => {
  it('posts ready, then renders the form, models and tones from init', async () => {
    const { page } = panel;
    expect((await panel.posted())[0]).toEqual({ type: 'ready' });
    await panel.send(init());

    await expect.poll(() => page.getByRole('textbox', { name: 'Topic', exact: true }).inputValue()).toBe('Tabs or spaces?');
    expect(await page.getByRole('combobox', { name: 'Speaker 1 model', exact: true }).inputValue()).toBe('llama3.2:1b');
    expect(await page.getByRole('combobox', { name: 'Speaker 2 model', exact: true }).inputValue()).toBe('qwen2.5:7b');
    expect(await page.getByRole('combobox', { name: 'Speaker 1 tone', exact: true }).inputValue()).toBe('Rational');
    expect(await page.getByRole('combobox', { name: 'Speaker 2 tone', exact: true }).inputValue()).toBe('Cynic');
    expect(await page.getByRole('slider', { name: 'Exchanges', exact: true }).inputValue()).toBe('3');
    for (const name of ['Start debate', 'Export to Markdown', 'Refresh models', 'Add speaker']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    // Nothing runs: the run's controls (Stop, Pause, Interject) are not offered.
    for (const name of ['Stop', 'Pause', 'Interject', 'Continue']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);

    // Installed models: name in the picker list, size and quantisation shown for the chosen one.
    expect(await page.locator('#installed-models option').evaluateAll((options) => options.map((o) => (o as { value: string }).value)))
      .toEqual(['llama3.2:1b', 'qwen2.5:7b', 'gemma3:4b']);
    expect(await page.locator('#speaker-0-model-status').textContent()).toContain('1.2B · Q8_0');
    expect(await page.locator('.models-summary').textContent()).toBe(`3 models installed on ${HOST}`);

    // Tones: every tone listed with its prompt on hover, the chosen one's prompt visible.
    const cynic = page.locator('#speaker-1-tone option[value="Cynic"]');
    expect(await cynic.getAttribute('title')).toContain('dry cynicism');
    expect(await page.locator('#speaker-1-tone-description').textContent()).toContain('dry cynicism');
    expect(await page.locator('#speaker-0-tone option').count()).toBe(4);

    // The transcript is a polite live region; the status line is a status.
    expect(await page.getByLabel('Debate transcript', { exact: true }).getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('.status-line').getAttribute('role')).toBe('status');
    expect(await page.locator('.status-line').textContent()).toContain('Ready');
  });

  it('posts a start message that passes the host validation, and keeps the form and the debate id as UI state', async () => {
    const { page } = panel;
    await panel.send(init());
    await page.getByRole('textbox', { name: 'Topic', exact: true }).fill('Should cities ban cars?');
    await page.getByRole('button', { name: 'Add speaker', exact: true }).click();
    await page.getByRole('combobox', { name: 'Speaker 3 model', exact: true }).fill('gemma3:4b');
    await page.getByRole('combobox', { name: 'Speaker 3 tone', exact: true }).selectOption('Philosopher');
    const slider = page.getByRole('slider', { name: 'Exchanges', exact: true });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('output[for="exchanges"]').textContent()).toBe('5');

    await page.getByRole('button', { name: 'Start debate', exact: true }).click();
    const start = await panel.waitForPosted(byType('start'));
    const parsed = parseWebviewMessage(start);
    expect(parsed).toEqual({
      ok: true,
      message: {
        type: 'start',
        request: {
          topic: 'Should cities ban cars?',
          speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }, { model: 'gemma3:4b', tone: 'Philosopher' }],
          exchanges: 5,
        },
      },
    });
    expect(await panel.savedState()).toEqual({ form: expect.objectContaining({ topic: 'Should cities ban cars?', exchanges: 5 }) });
    // Once the debate runs, its id is kept too: after a window reload the host reads that debate from the library.
    await panel.send(runStart('Should cities ban cars?'));
    expect(await panel.savedState()).toMatchObject({ debateId: 'debate-1', form: { topic: 'Should cities ban cars?' } });
  });

  it('restores unsent edits from UI state after the page is recreated', async () => {
    await panel.close();
    panel = await openPanel({
      savedState: { debateId: 'debate-1', form: { topic: 'My own draft', speakers: [{ model: 'gemma3:4b', tone: 'Adversary' }], exchanges: 7 } },
    });
    await panel.send(init());
    const { page } = panel;
    await expect.poll(() => page.getByRole('textbox', { name: 'Topic', exact: true }).inputValue()).toBe('My own draft');
    expect(await page.getByRole('combobox', { name: 'Speaker 1 tone', exact: true }).inputValue()).toBe('Adversary');
    expect(await page.getByRole('slider', { name: 'Exchanges', exact: true }).inputValue()).toBe('7');
    expect(await page.getByRole('combobox', { name: 'Speaker 2 model', exact: true }).count()).toBe(0);
    // One speaker left: it cannot be removed.
    expect(await page.getByRole('button', { name: 'Remove Speaker 1', exact: true }).isDisabled()).toBe(true);
  });

  it('adds speakers up to six and removes them', async () => {
    const { page } = panel;
    await panel.send(init());
    const add = page.getByRole('button', { name: 'Add speaker', exact: true });
    for (let i = 0; i < 4; i += 1) await add.click();
    expect(await page.getByRole('group', { name: /^Speaker \d$/ }).count()).toBe(6);
    expect(await add.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Remove Speaker 2', exact: true }).click();
    expect(await page.getByRole('group', { name: /^Speaker \d$/ }).count()).toBe(5);
    expect(await add.isDisabled()).toBe(false);
  });

  // Each field the form checks: the message sits right below it and is its description (with its own hint kept).
  const FIELD_MISTAKES = [
    { role: 'textbox', name: 'Topic', id: 'topic', empty: '   ', message: 'Enter a topic for the debate.', hint: null, fixed: 'Cats or dogs?' },
    { role: 'combobox', name: 'Speaker 2 model', id: 'speaker-1-model', empty: '', message: 'Choose a model for Speaker 2.', hint: 'speaker-1-model-status', fixed: 'gemma3:4b' },
  ] as const;

  for (const { role, name, id, empty, message, hint, fixed } of FIELD_MISTAKES) {
    it(`refuses to start without a valid ${name}, says why next to the field, tied to it, and focuses it`, async () => {
      const { page } = panel;
      await panel.send(init());
      const field = page.getByRole(role, { name, exact: true });
      await field.fill(empty);
      await page.getByRole('button', { name: 'Start debate', exact: true }).click();
      expect(await page.getByRole('alert').filter({ hasText: message }).count()).toBe(1);
      expect(await page.evaluate('document.activeElement.id')).toBe(id);
      expect((await panel.posted()).some(byType('start'))).toBe(false);
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.getAttribute('aria-describedby')).toBe(hint === null ? 'form-error' : `form-error ${hint}`);
      expect(await page.evaluate(`document.getElementById(${JSON.stringify(id)}).nextElementSibling.id`)).toBe('form-error');
      const [box, said] = await Promise.all([field.boundingBox(), page.locator('#form-error').boundingBox()]);
      expect(said!.y - (box!.y + box!.height)).toBeLessThan(12);
      // Fixing it clears both; the field's own hint stays.
      await field.fill(fixed);
      expect(await page.locator('#form-error').count()).toBe(0);
      expect(await field.getAttribute('aria-invalid')).toBeNull();
      expect(await field.getAttribute('aria-describedby')).toBe(hint);
    });
  }

  it('picks an example topic', async () => {
    const { page } = panel;
    await panel.send(init());
    await page.getByRole('button', { name: 'Is maths invented or discovered?', exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Topic', exact: true }).inputValue()).toBe('Is maths invented or discovered?');
  });
});

describe('models', () => {
  it('offers a one-click pull for a model that is not installed, with a progress bar', async () => {
    const { page } = panel;
    await panel.send(init());
    await page.getByRole('combobox', { name: 'Speaker 2 model', exact: true }).fill('mistral:7b');
    expect(await page.locator('#speaker-1-model-status').textContent()).toContain('Not installed.');
    expect(await page.locator('#speaker-1-model-status .model-missing').getAttribute('title')).toBe(`Not installed on ${HOST}`);
    await page.getByRole('button', { name: 'Pull mistral:7b', exact: true }).click();
    expect(await panel.waitForPosted(byType('pull-model'))).toEqual({ type: 'pull-model', model: 'mistral:7b' });

    await panel.send({ type: 'pull-progress', model: 'mistral:7b', progress: { status: 'downloading', fraction: 0.42, completedBytes: 1_720_000_000, totalBytes: 4_100_000_000 } });
    const bar = page.getByRole('progressbar', { name: 'Pulling mistral:7b' });
    expect(await bar.evaluate((element) => (element as unknown as { value: number }).value)).toBeCloseTo(0.42);
    expect(await page.locator('#speaker-1-model-status').textContent()).toContain('downloading 42% of 4.1 GB');

    await panel.send({ type: 'pull-done', model: 'mistral:7b' });
    expect(await page.locator('#speaker-1-model-status').textContent()).toContain('Pulled mistral:7b');
    // The host then lists the models again: the row shows the model as installed.
    const mistral = { name: 'mistral:7b', sizeBytes: 4_100_000_000, parameterSize: '7.2B', quantization: 'Q4_0', family: 'llama', modifiedAt: null };
    await panel.send({ type: 'models', models: [...MODELS, mistral], host: HOST });
    expect(await page.locator('#speaker-1-model-status').textContent()).toContain('7.2B · Q4_0 · 4.1 GB');
    expect(await page.getByRole('button', { name: 'Pull mistral:7b', exact: true }).count()).toBe(0);
  });

  it('refreshes on demand and shows an unreachable host with Retry and Open Settings', async () => {
    const { page } = panel;
    await panel.send(init({ models: null }));
    expect(await page.locator('.models-summary').textContent()).toContain(`Looking for models on ${HOST}`);
    await page.getByRole('button', { name: 'Refresh models', exact: true }).click();
    await panel.waitForPosted(byType('refresh-models'));

    await panel.clearPosted();
    await panel.send({ type: 'models-error', error: { kind: 'unreachable', message: `Ollama is not reachable at ${HOST}. Start it with "ollama serve".`, host: HOST } });
    // The error is said once, in the error banner (test/webview/errors-export.test.ts); the summary points there.
    const summary = page.locator('.models-summary');
    expect(await summary.textContent()).not.toContain('ollama serve');
    const banner = page.locator('.error-banner');
    await banner.getByRole('button', { name: 'Retry', exact: true }).click();
    await banner.getByRole('button', { name: 'Open Settings', exact: true }).click();
    expect(await panel.posted()).toEqual([{ type: 'refresh-models' }, { type: 'open-settings' }]);

    await panel.send({ type: 'models', models: [], host: HOST });
    expect(await summary.textContent()).toContain(`No models installed on ${HOST}`);
    expect(await banner.isVisible()).toBe(false);
  });
  it('gives rows still without a model distinct installed models once the list arrives, keeping typed ones', async () => {
    const { page } = panel;
    const modelBox = (speaker: number) => page.getByRole('combobox', { name: `Speaker ${speaker} model`, exact: true });
    const emptyRows = [{ model: '', tone: 'Rational' }, { model: '', tone: 'Cynic' }, { model: '', tone: 'Philosopher' }];
    await panel.send(init({ models: null, form: { topic: '', speakers: emptyRows, exchanges: 3 } }));
    await modelBox(3).fill('gemma3');
    expect(await modelBox(1).inputValue()).toBe('');

    await panel.send({ type: 'models', models: MODELS, host: HOST });
    // Speaker 3's "gemma3" means gemma3:latest, which is not installed: gemma3:4b is still free.
    expect([await modelBox(1).inputValue(), await modelBox(2).inputValue(), await modelBox(3).inputValue()])
      .toEqual(['llama3.2:1b', 'qwen2.5:7b', 'gemma3']);
    expect(await page.locator('#speaker-1-model-status').textContent()).toContain('7.6B · Q4_K_M');
    expect(await panel.savedState()).toMatchObject({ form: { speakers: [{ model: 'llama3.2:1b' }, { model: 'qwen2.5:7b' }, { model: 'gemma3' }] } });
  });

  it('fills an empty row of a restored draft from init with a model no other speaker uses', async () => {
    await panel.close();
    panel = await openPanel({
      savedState: { debateId: 'debate-1', form: { topic: 'Mine', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: '', tone: 'Cynic' }], exchanges: 2 } },
    });
    const { page } = panel;
    await panel.send(init());
    await expect.poll(() => page.getByRole('combobox', { name: 'Speaker 2 model', exact: true }).inputValue()).toBe('qwen2.5:7b');
    expect(await page.getByRole('combobox', { name: 'Speaker 1 model', exact: true }).inputValue()).toBe('llama3.2:1b');
  });
});

describe('a streamed debate', () => {
  it('renders turns incrementally, in order, with markdown, metrics and a distinct accent per speaker', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('connecting'), status('loading'));
    expect(await page.locator('.status-line').textContent()).toContain('Loading models');
    await panel.send(status('speaking'), turnStart(0));
    expect(await page.locator('.status-line').textContent()).toContain('Speaker 1 (llama3.2:1b) is speaking');

    const tokens = tokenize(MARKDOWN_REPLY);
    const half = Math.floor(tokens.length / 2);
    await panel.send(...tokenMessages(0, tokens.slice(0, half)));
    await panel.frames();
    const first = page.locator('article[data-turn-id="turn-0"]');
    const partial = (await first.locator('.turn-body').textContent()) ?? '';
    expect(partial).toContain('Spaces are the only sane choice');
    expect(partial).not.toContain('Tabs lose');
    expect(await first.locator('.turn-body em').textContent()).toBe('only');
    expect(await first.getAttribute('aria-busy')).toBe('true');

    await panel.send(...tokenMessages(0, tokens.slice(half), 3));
    await panel.frames();
    expect(await first.locator('.turn-body li').allTextContents()).toEqual(['they look the same everywhere', 'diffs stay aligned']);
    expect(await first.locator('.turn-body pre code').textContent()).toContain('return "    " + line');
    expect(await first.locator('.turn-body strong').textContent()).toBe('why');

    await panel.send(turnEnd(0, MARKDOWN_REPLY), turnStart(1), ...tokenMessages(1, tokenize('Tabs let *everyone* choose.'), 2));
    await panel.frames();
    await panel.send(turnEnd(1, 'Tabs let *everyone* choose.'), runEnd([turn(0, MARKDOWN_REPLY), turn(1, 'Tabs let *everyone* choose.')]));

    const articles = page.locator('article.turn');
    expect(await articles.count()).toBe(2);
    expect(await page.locator('article[aria-busy]').count()).toBe(0);
    expect(await articles.locator('.speaker-name').allTextContents()).toEqual(['Speaker 1', 'Speaker 2']);
    expect(await articles.nth(1).locator('.turn-model').textContent()).toBe('qwen2.5:7b');
    expect(await articles.nth(1).locator('.tone-badge').textContent()).toBe('Cynic');
    expect(await articles.nth(0).locator('.turn-metrics').textContent()).toMatch(/first token 420 ms · 40\.0 tokens\/s · \d+ tokens/);
    const accents = await page.evaluate('[...document.querySelectorAll("article.turn")].map((e) => getComputedStyle(e).borderLeftColor)') as string[];
    expect(new Set(accents).size).toBe(2);
    expect(await page.locator('.status-line').textContent()).toContain('Debate finished');
    expect(await page.getByRole('button', { name: 'Export to Markdown', exact: true }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Export to Markdown', exact: true }).click();
    await panel.waitForPosted(byType('export'));
    await panel.send({ type: 'exported', path: '/work/debate-tabs-or-spaces-2025-11-25.md' });
    expect(await page.locator('.notice').textContent()).toBe('Saved to /work/debate-tabs-or-spaces-2025-11-25.md');
  });

  it('Stop posts stop; the stopped turn keeps its text and is marked', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('I was about to make a point')));
    const stop = page.getByRole('button', { name: 'Stop', exact: true });
    expect(await stop.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Start debate', exact: true }).isDisabled()).toBe(true);
    await stop.click();
    await panel.waitForPosted(byType('stop'));

    await panel.send(turnEnd(0, 'I was about to make a point', 'stopped', 'Stopped by the user.'), status('stopped'));
    const article = page.locator('article[data-turn-id="turn-0"]');
    expect(await article.locator('.turn-body').textContent()).toContain('I was about to make a point');
    expect(await article.locator('.turn-mark').textContent()).toBe('Stopped');
    expect(await article.locator('.turn-note').textContent()).toBe('Stopped by the user.');
    expect(await page.locator('.status-line').textContent()).toContain('Debate stopped');
    expect(await stop.isVisible()).toBe(false);
  });

  it('keeps a dropped stream\'s partial turn, marked failed, with the error shown', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('Half a thought')));
    await panel.send(
      { type: 'debate-event', event: { type: 'error', error: { kind: 'stream-dropped', message: 'The connection to Ollama dropped during Speaker 1\'s turn.', speaker: 'Speaker 1' } } },
      runEnd([], 'failed'),
    );
    const article = page.locator('article[data-turn-id="turn-0"]');
    expect(await article.locator('.turn-body').textContent()).toContain('Half a thought');
    expect(await article.locator('.turn-mark').textContent()).toBe('Failed');
    expect(await page.getByRole('alert').filter({ hasText: 'connection to Ollama dropped' }).textContent()).toContain('The transcript so far is kept');
  });

  it('restores a transcript and a live turn from the init snapshot', async () => {
    const { page } = panel;
    const running = transcript({ exchanges: 2, turns: [turn(0, 'First *turn*.')] });
    await panel.send(init({ status: 'speaking', transcript: running, liveTurns: [{ turnId: 'turn-1', speakerIndex: 1, speaker: 'Speaker 2', model: 'qwen2.5:7b', tone: 'Cynic', exchange: 1, text: 'Streaming so' }] }));
    await panel.send(...tokenMessages(1, [' far']));
    await panel.frames();
    expect((await page.locator('article.turn .turn-body').allTextContents()).map((text) => text.trim())).toEqual(['First turn.', 'Streaming so far']);
    expect(await page.locator('article.live').count()).toBe(1);
  });

  it('follows new text until the reader scrolls up, then offers "Jump to latest"', async () => {
    const { page } = panel;
    const long = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} with a few words of argument.`).join('\n\n');
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize(long), 4));
    await panel.frames();
    // The page is the one scroll area.
    const atBottom = (): Promise<boolean> => page.evaluate('document.scrollingElement.scrollHeight - document.scrollingElement.clientHeight - document.scrollingElement.scrollTop < 40') as Promise<boolean>;
    expect(await atBottom()).toBe(true);
    const jump = page.getByRole('button', { name: 'Jump to latest', exact: true });
    expect(await jump.isVisible()).toBe(false);

    await page.locator('article.turn').hover();
    await page.mouse.wheel(0, -600);
    await expect.poll(() => jump.isVisible()).toBe(true);
    await panel.send(...tokenMessages(0, tokenize('\n\nMore text arrives.')));
    await panel.frames();
    expect(await atBottom()).toBe(false);

    await jump.click();
    await panel.frames();
    expect(await atBottom()).toBe(true);
    expect(await jump.isVisible()).toBe(false);
  });
});

describe('turns by id', () => {
  const ids = (panel: PanelPage) => panel.page.locator('.turns > [data-turn-id]').evaluateAll((elements) => elements.map((e) => e.getAttribute('data-turn-id')));

  it('shows the moderator\'s note apart from the speakers, labelled, and keeps each turn\'s element', async () => {
    const { page } = panel;
    const note = moderatorTurn('note-1', 'Please address **costs** next.', 1);
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('Spaces.')), turnEnd(0, 'Spaces.'), moderatorNote(note));
    const first = await page.locator('[data-turn-id="turn-0"]').elementHandle();
    await panel.send(turnStart(1), ...tokenMessages(1, tokenize('Costs favour tabs.')), turnEnd(1, 'Costs favour tabs.'));
    await panel.send(runEnd([turn(0, 'Spaces.'), note, turn(1, 'Costs favour tabs.')]));

    expect(await ids(panel)).toEqual(['turn-0', 'note-1', 'turn-1']);
    const aside = page.locator('aside.moderator-note[data-turn-id="note-1"]');
    expect(await aside.locator('.moderator-label').textContent()).toBe('Moderator');
    expect(await aside.getAttribute('aria-label')).toBe('Moderator, exchange 1');
    expect(await aside.locator('strong').textContent()).toBe('costs');
    expect(await aside.locator('.speaker-name, .turn-model, .tone-badge').count()).toBe(0);
    expect(await page.locator('article.turn').count()).toBe(2);
    // The run's end carried equal turns: their elements were kept, not drawn again.
    expect(await first?.evaluate((element) => element.isConnected)).toBe(true);
  });

  it('replaces a regenerated turn in place: its new reply streams where the old one stood', async () => {
    const { page } = panel;
    await panel.send(init({ status: 'done', transcript: transcript({ turns: [turn(0, 'Old reply.'), turn(1, 'Second.')], outcome: 'complete', stopReason: 'exchanges' }) }));
    await panel.send(runStart('Tabs or spaces?', 1, [turn(0, 'Old reply.'), turn(1, 'Second.')]), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('New rep')));
    await panel.frames();
    expect(await ids(panel)).toEqual(['turn-0', 'turn-1']);
    expect(await page.locator('[data-turn-id="turn-0"]').getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('[data-turn-id="turn-0"] .turn-body').textContent()).toContain('New rep');

    await panel.send(turnEnd(0, 'New reply.'));
    expect(await ids(panel)).toEqual(['turn-0', 'turn-1']);
    expect((await page.locator('article.turn .turn-body').allTextContents()).map((text) => text.trim())).toEqual(['New reply.', 'Second.']);
    expect(await page.locator('article[aria-busy]').count()).toBe(0);
  });

  it('says when a debate is paused or interrupted, and shows a warning without stopping', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), { type: 'debate-event', event: { type: 'warning', message: 'This debate could not be saved: the disk is full.' } });
    expect(await page.locator('.debate-warning').textContent()).toContain('could not be saved');
    await panel.send(runEnd([], 'paused'));
    expect(await page.locator('.status-line').textContent()).toContain('paused');
    expect(await page.locator('.status-line .codicon-debug-pause').count()).toBe(1);
    await panel.send(init({ status: 'interrupted', transcript: transcript({ outcome: 'interrupted' }) }));
    expect(await page.locator('.status-line').textContent()).toContain('interrupted');
    expect(await page.locator('.debate-warning').isVisible()).toBe(false);
  });
});

describe('errors with actions', () => {
  it('unreachable: Retry starts again and Open Settings asks the host to open them', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('connecting'),
      { type: 'debate-event', event: { type: 'error', error: { kind: 'unreachable', message: `Ollama is not reachable at ${HOST}. Start it with "ollama serve" or change talkingModels.ollamaHost.`, host: HOST } } },
      status('failed'));
    const banner = page.locator('.error-banner');
    expect(await banner.getAttribute('role')).toBe('alert');
    expect(await banner.textContent()).toContain('not reachable');
    await panel.clearPosted();
    await banner.getByRole('button', { name: 'Retry', exact: true }).click();
    await banner.getByRole('button', { name: 'Open Settings', exact: true }).click();
    const posted = await panel.posted();
    expect(posted.map((message) => message.type)).toEqual(['start', 'open-settings']);
    expect(parseWebviewMessage(posted[0]).ok).toBe(true);
  });

  it('unreachable during a run of a saved debate: Retry runs that debate on instead of starting another', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('connecting'),
      { type: 'debate-event', event: { type: 'error', error: { kind: 'unreachable', message: `Ollama is not reachable at ${HOST}.`, host: HOST } } },
      runEnd([], 'failed'));
    await panel.clearPosted();
    await page.locator('.error-banner').getByRole('button', { name: 'Retry', exact: true }).click();
    expect(await panel.posted()).toEqual([{ type: 'continue' }]);
  });

  it('model missing: Pull posts pull-model and shows the pull progress', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('connecting'),
      { type: 'debate-event', event: { type: 'error', error: { kind: 'model-missing', message: 'Model "phi4:14b" is not installed on the Ollama host.', model: 'phi4:14b', status: 404 } } },
      status('failed'));
    const banner = page.locator('.error-banner');
    await panel.clearPosted();
    await banner.getByRole('button', { name: 'Pull phi4:14b', exact: true }).click();
    expect(await panel.posted()).toEqual([{ type: 'pull-model', model: 'phi4:14b' }]);
    await panel.send({ type: 'pull-progress', model: 'phi4:14b', progress: { status: 'pulling manifest', fraction: null, completedBytes: null, totalBytes: null } });
    expect(await banner.getByRole('progressbar', { name: 'Pulling phi4:14b' }).count()).toBe(1);
    expect(await banner.textContent()).toContain('pulling manifest');
    await page.getByRole('button', { name: 'Dismiss error', exact: true }).click();
    expect(await banner.isVisible()).toBe(false);
  });
});

describe('keyboard', () => {
  it('Ctrl+Enter starts, Escape stops, and Tab reaches every control with a visible focus ring', async () => {
    const { page } = panel;
    await panel.send(init());
    await page.getByRole('textbox', { name: 'Topic', exact: true }).focus();
    await page.keyboard.press('Control+Enter');
    await panel.waitForPosted(byType('start'));
    await panel.send(runStart(), status('speaking'), turnStart(0), turnEnd(0, 'Spaces.'), turnStart(1));
    await page.evaluate('document.activeElement.blur()');
    await page.keyboard.press('Escape');
    await panel.waitForPosted(byType('stop'));

    await panel.send(status('stopped'));
    const tabThrough = async (): Promise<Set<string>> => {
      await page.evaluate('document.activeElement.blur()');
      const reached = new Set<string>();
      for (let i = 0; i < 40; i += 1) {
        await page.keyboard.press('Tab');
        const name = await page.evaluate('document.activeElement.getAttribute("aria-label") || document.activeElement.id || document.activeElement.textContent.trim()') as string;
        reached.add(name);
      }
      return reached;
    };
    // The set-up is folded while the debate is shown: Edit, the buttons, Continue and the transcript.
    const folded = await tabThrough();
    for (const name of ['Edit', 'Start debate', 'Export to Markdown', 'Continue', 'continue-exchanges', 'Transcript']) expect(folded, name).toContain(name);
    expect(folded).not.toContain('topic');
    // Edit opens it from the keyboard; then every field is reached too.
    await page.getByRole('button', { name: 'Edit', exact: true }).focus();
    await page.keyboard.press('Enter');
    const open = await tabThrough();
    for (const name of [
      'topic', 'Speaker 1 model', 'Speaker 1 tone', 'Speaker 2 model', 'Speaker 2 tone', 'Refresh models', 'Add speaker', 'exchanges',
      'Start debate', 'Export to Markdown', 'Continue', 'continue-exchanges', 'Transcript',
    ]) {
      expect(open, name).toContain(name);
    }
    await page.getByRole('button', { name: 'Start debate', exact: true }).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = await page.evaluate('getComputedStyle(document.activeElement).outlineStyle');
    expect(outline).toBe('solid');
  });
});

describe('looks', () => {
  it('renders a polished panel (screenshot to test-output/webview-panel.png)', async () => {
    const { page } = panel;
    await panel.send(init(), runStart('Tabs or spaces?', 3), status('speaking'),
      turnStart(0), ...tokenMessages(0, tokenize(MARKDOWN_REPLY), 4), turnEnd(0, MARKDOWN_REPLY),
      moderatorNote(moderatorTurn('note-1', 'Speaker 2: answer the point about **diffs** directly.')),
      turnStart(1), ...tokenMessages(1, tokenize('Tabs let *everyone* pick their own width. That is **accessibility**, not chaos.'), 4));
    await panel.frames();
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/webview-panel.png' });
    expect(await page.locator('article.turn').count()).toBe(2);
    expect(await page.locator('aside.moderator-note').count()).toBe(1);
  });

  it('shows errors, a pull in progress and stopped turns clearly (screenshot to test-output/webview-errors.png)', async () => {
    await panel.close();
    panel = await openPanel({ width: 900, height: 700 });
    const { page } = panel;
    await panel.send(init(), runStart('Is open-source AI safer than closed AI?', 2), status('speaking'),
      turnStart(0), ...tokenMessages(0, tokenize('Openness lets *anyone* audit the weights, so flaws are found sooner.'), 4),
      turnEnd(0, 'Openness lets *anyone* audit the weights, so flaws are found sooner.'),
      turnStart(1), ...tokenMessages(1, tokenize('Audits need resources that most')),
      turnEnd(1, 'Audits need resources that most', 'failed', 'The stream from qwen2.5:7b dropped after 7 tokens.'),
      { type: 'debate-event', event: { type: 'error', error: { kind: 'model-missing', message: 'Model "phi4:14b" is not installed on http://127.0.0.1:11434. Pull it to use it.', model: 'phi4:14b', status: 404 } } },
      { type: 'pull-progress', model: 'phi4:14b', progress: { status: 'downloading', fraction: 0.63, completedBytes: 5.6e9, totalBytes: 9.1e9 } },
      status('failed'));
    await panel.openSetup();
    await page.getByRole('combobox', { name: 'Speaker 2 model', exact: true }).fill('phi4:14b');
    await panel.frames();
    await page.screenshot({ path: 'test-output/webview-errors.png' });
    expect(await page.locator('.turn-mark-failed').count()).toBe(1);
    expect(await page.getByRole('progressbar').count()).toBe(2);
  });

  it('works in high contrast: contrast borders and a strong focus outline (screenshot to test-output/webview-high-contrast.png)', async () => {
    await panel.close();
    panel = await openPanel({ theme: 'high-contrast' });
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize(MARKDOWN_REPLY), 4), turnEnd(0, MARKDOWN_REPLY));
    await panel.openSetup();
    await page.getByRole('textbox', { name: 'Topic', exact: true }).focus();
    await page.keyboard.press('Tab');
    await panel.frames();
    await page.screenshot({ path: 'test-output/webview-high-contrast.png' });
    const focused = await page.evaluate('[getComputedStyle(document.activeElement).outlineColor, getComputedStyle(document.activeElement).outlineWidth]');
    expect(focused).toEqual(['rgb(243, 133, 24)', '2px']);
    expect(await page.evaluate('getComputedStyle(document.querySelector("article.turn")).borderTopColor')).toBe('rgb(111, 195, 223)');
    // Speakers differ by more than colour: the accent bar's line style differs too.
    const barStyles = await page.evaluate('[...document.querySelectorAll(".speaker-row")].map((row) => getComputedStyle(row).borderLeftStyle)');
    expect(barStyles).toEqual(['solid', 'dashed']);
  });
});
