// The AI moderator's turns and the closing statements in the real panel (Chromium, production
// CSP): "Moderator · model" with what the turn does, a round's summary folded but the newest
// open (from the keyboard too), the person's own note unchanged, a closing statement's badge,
// final position and answer, a debate ended on agreement saying so, and hostile model text in
// any of them staying text.
import { describe, expect, it } from 'vitest';
import type { ClosingStatement, ModeratorPurpose, ModeratorTurn, SpeakerTurn } from '../../engine/types';
import type { HostMessage } from '../../extension/contract/protocol';
import { debate, init, moderatorNote, moderatorTurn, runStart, status, tokenize, tokenMessages, transcript, turn, turnStart } from './fixtures';
import type { PanelPage } from './harness';
import { usePanelBrowser } from './panel-suite';

const openPanel = usePanelBrowser();

async function withPanel(test: (panel: PanelPage) => Promise<void>): Promise<void> {
  const panel = await openPanel();
  try {
    await test(panel);
    await panel.page.waitForTimeout(100);
    expect(await panel.page.evaluate('window.__pwned')).toBeUndefined();
    expect(await panel.cspViolations()).toEqual([]);
  } finally {
    await panel.close();
  }
}

const MODERATOR = 'gemma3:4b';

function aiTurn(id: string, text: string, purpose: ModeratorPurpose, exchange = 1, model = MODERATOR): ModeratorTurn {
  return { ...moderatorTurn(id, text, exchange), ai: { model, purpose } };
}

function closingTurn(position: number, text: string, closing: ClosingStatement): SpeakerTurn {
  return { ...turn(position, text), closing };
}

const HOSTILE = [
  'Round summary <script>window.__pwned = "script"</script>',
  '',
  '<img src="x" onerror="window.__pwned = \'img\'"> and [a link](javascript:window.__pwned=\'md\')',
  '',
  '<details open ontoggle="window.__pwned = \'details\'">x</details> **agreed points**',
].join('\n');

/** A moderated debate of two rounds: framing, the speakers, a summary after each round, the person's note, closing statements. */
function moderatedDebate(): HostMessage {
  const turns = [
    aiTurn('frame', 'Decide **which** indentation serves readers best.', 'framing'),
    turn(0, 'Tabs.'), turn(1, 'Spaces.'),
    aiTurn('sum-1', 'Round one: tabs for access, spaces for sameness.', 'summary', 1),
    { ...moderatorTurn('note-1', 'Talk about cost next.', 2) },
    turn(2, 'Tabs are cheaper.'), turn(3, 'Spaces are simpler.'),
    aiTurn('sum-2', HOSTILE, 'summary', 2),
    closingTurn(4, 'Position: Tabs serve every reader.\nAnswer: Tabs', { position: 'Tabs serve every reader.', answer: 'Tabs' }),
    closingTurn(5, 'I would rather not say.', { position: 'I would rather not say.', answer: null }),
  ];
  return debate({ status: 'done', transcript: transcript({ turns, exchanges: 2, outcome: 'complete', stopReason: 'exchanges', moderator: { model: MODERATOR }, closingStatements: true }) });
}

describe('the AI moderator\'s turns', () => {
  it('name the moderator\'s model and what each turn does; the person\'s note stays as it was', () => withPanel(async (panel) => {
    const { page } = panel;
    await panel.send(init(), moderatedDebate());
    const framing = page.locator('aside[data-turn-id="frame"]');
    await expect.poll(() => framing.count()).toBe(1);
    expect(await framing.getAttribute('aria-label')).toBe('Moderator · gemma3:4b, framing');
    expect(await framing.locator('.moderator-label').textContent()).toBe('Moderator · gemma3:4b');
    expect(await framing.locator('.moderator-purpose').textContent()).toBe('Framing');
    // Framing is not folded: there is nothing to fold it under.
    expect(await framing.locator('details').count()).toBe(0);
    expect(await framing.locator('.moderator-body strong').textContent()).toBe('which');

    const summary = page.locator('aside[data-turn-id="sum-1"]');
    expect(await summary.getAttribute('aria-label')).toBe('Moderator · gemma3:4b, summary of round 1');
    expect(await summary.locator('summary .moderator-purpose').textContent()).toBe('Summary of round 1');

    const note = page.locator('aside[data-turn-id="note-1"]');
    expect(await note.getAttribute('aria-label')).toBe('Moderator, exchange 2');
    expect(await note.locator('.moderator-label').textContent()).toBe('Moderator');
    expect(await note.locator('.moderator-model, .moderator-purpose, details').count()).toBe(0);
    expect((await note.locator('.moderator-body').textContent())?.trim()).toBe('Talk about cost next.');
  }));

  it('fold each round\'s summary but the newest, open and close from the keyboard, and fold the last one when a newer comes', () => withPanel(async (panel) => {
    const { page } = panel;
    await panel.send(init(), moderatedDebate());
    const open = async (id: string) => (await page.locator(`aside[data-turn-id="${id}"] > details.moderator-summary`).getAttribute('open')) !== null;
    await expect.poll(() => open('sum-2')).toBe(true);
    expect(await open('sum-1')).toBe(false);
    expect(await page.locator('aside[data-turn-id="sum-1"] .moderator-body').isVisible()).toBe(false);

    const older = page.locator('aside[data-turn-id="sum-1"] summary');
    await older.focus();
    await page.keyboard.press('Enter');
    expect(await open('sum-1')).toBe(true);
    expect(await page.locator('aside[data-turn-id="sum-1"] .moderator-body').isVisible()).toBe(true);
    await page.keyboard.press('Space');
    expect(await open('sum-1')).toBe(false);

    // A new round's summary arrives: it opens, the one before folds.
    await panel.send(moderatorNote(aiTurn('sum-3', 'Round three: they converge.', 'summary', 3)));
    await expect.poll(() => open('sum-3')).toBe(true);
    expect(await open('sum-2')).toBe(false);
    expect(await open('sum-1')).toBe(false);
  }));

  it('says when the moderator closes the debate, and keeps hostile text in a summary and a model name as text', () => withPanel(async (panel) => {
    const { page } = panel;
    const model = '<img src=x onerror="window.__pwned = \'model\'">';
    await panel.send(init(), runStart(), moderatorNote(aiTurn('close', 'Nothing new is being said.', 'closing', 2, model)));
    const closing = page.locator('aside[data-turn-id="close"]');
    await expect.poll(() => closing.locator('.moderator-purpose').textContent()).toBe('Closing the debate');
    expect(await closing.locator('.moderator-label').textContent()).toBe(`Moderator · ${model}`);
    expect(await closing.getAttribute('aria-label')).toBe(`Moderator · ${model}, closing the debate`);

    await panel.send(moderatorNote(aiTurn('sum-x', HOSTILE, 'summary', 1)));
    const body = page.locator('aside[data-turn-id="sum-x"] .moderator-body');
    await expect.poll(() => body.textContent()).toContain('<script>window.__pwned = "script"</script>');
    expect(await body.locator('script, img, details, [onerror], [ontoggle]').count()).toBe(0);
    expect(await page.locator('aside.moderator-note img, aside.moderator-note script').count()).toBe(0);
    expect(await body.locator('a[href^="javascript"]').count()).toBe(0);
    expect(await body.locator('strong').textContent()).toBe('agreed points');
  }));
});

describe('closing statements', () => {
  it('show their badge, final position and answer as text, and the reply as written folded', () => withPanel(async (panel) => {
    const { page } = panel;
    await panel.send(init(), moderatedDebate());
    const answered = page.locator(`article[data-turn-id="turn-4"]`);
    await expect.poll(() => answered.locator('.turn-header .closing-badge').textContent()).toBe('Closing statement');
    // In place of its exchange, which comes after the debate's last.
    expect(await answered.getAttribute('aria-label')).toBe('Speaker 1, closing statement');
    expect(await answered.locator('.turn-exchange').isVisible()).toBe(false);
    expect(await page.locator('article[data-turn-id="turn-0"] .turn-exchange').isVisible()).toBe(true);
    expect(await answered.locator('.closing-statement > dt, .closing-statement > dd').allTextContents())
      .toEqual(['Final position', 'Tabs serve every reader.', 'Answer', 'Tabs']);
    expect(await answered.locator('.closing-statement > dt').allTextContents()).toEqual(['Final position', 'Answer']);
    const reply = answered.locator('details.closing-reply');
    expect(await reply.getAttribute('open')).toBeNull();
    await reply.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect((await reply.locator('.markdown, p').first().textContent())?.trim()).toContain('Position: Tabs serve every reader.');

    const unanswered = page.locator(`article[data-turn-id="turn-5"]`);
    expect(await unanswered.locator('.closing-statement dd').allTextContents()).toEqual(['I would rather not say.', 'None given: not counted in the vote.']);
    // Ordinary turns have no badge.
    expect(await page.locator('article[data-turn-id="turn-0"] .closing-badge').count()).toBe(0);
  }));

  it('gets its badge when a streamed closing turn ends, and keeps hostile text in the position and answer as text', () => withPanel(async (panel) => {
    const { page } = panel;
    const position = '<img src=x onerror="window.__pwned = \'position\'"> **Tabs**';
    const answer = '<script>window.__pwned = "answer"</script>';
    const text = `Position: ${position}\nAnswer: ${answer}`;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize(text), 3));
    await panel.frames();
    const card = page.locator(`article[data-turn-id="turn-0"]`);
    expect(await card.locator('.closing-badge').count()).toBe(0);
    await panel.send({ type: 'debate-event', event: { type: 'turn-end', turn: closingTurn(0, text, { position, answer }) } });
    await expect.poll(() => card.locator('.closing-badge').count()).toBe(1);
    expect(await card.locator('.closing-statement dd').allTextContents()).toEqual([position, answer]);
    expect(await card.locator('.closing-statement img, .closing-statement script, .closing-statement strong').count()).toBe(0);
    expect(await card.locator('img, script').count()).toBe(0);
  }));
});

describe('a debate the speakers\' agreement ended', () => {
  it('says so in the status line, its note as text', () => withPanel(async (panel) => {
    const note = 'The speakers agree: <img src=x onerror="window.__pwned = \'note\'"> tabs win.';
    await panel.send(init(), runStart());
    await panel.send({ type: 'debate-event', event: { type: 'run-end', transcript: transcript({
      turns: [turn(0, 'Tabs.'), turn(1, 'Tabs too.')], outcome: 'complete', stopReason: 'consensus', stopNote: note, endedAt: '2025-11-25T09:01:00Z',
      moderator: { model: MODERATOR }, stopOn: { consensus: {} },
    }) } });
    const line = panel.page.locator('.status-line');
    await expect.poll(() => line.textContent()).toBe(`Debate ended early: ${note}`);
    expect(await line.locator('img').count()).toBe(0);
  }));
});
