// The operations on a debate in real Chromium under the production CSP: the moderator's
// box when the debate waits, Pause and Interject, Continue and Finish, Branch from here,
// Regenerate / Retry this turn, the reply switcher, a read-only or missing debate, the
// previous debate's notice, and Escape that stops only outside editable fields.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SpeakerTurn } from '../../engine/types';
import { parseWebviewMessage, type WebviewMessage } from '../../extension/contract/protocol';
import { debate, init, moderatorTurn, runEnd, runStart, status, tokenize, tokenMessages, transcript, turn, turnStart } from './fixtures';
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

function byType<T extends WebviewMessage['type']>(type: T) {
  return (message: WebviewMessage): boolean => message.type === type;
}

/** What was posted since the last clear, each checked against the host's own validation. */
async function validPosted(): Promise<WebviewMessage[]> {
  const posted = await panel.posted();
  for (const message of posted) expect(parseWebviewMessage(message), JSON.stringify(message)).toMatchObject({ ok: true });
  return posted;
}

const TWO_TURNS = [turn(0, 'Spaces, for alignment.'), turn(1, 'Tabs, for choice.')];

/** A debate of two exchanges that waits for the moderator after its first turn. */
function pausedDebate() {
  return init({ status: 'paused', transcript: transcript({ exchanges: 2, turns: [turn(0, 'Spaces, for alignment.')], outcome: 'paused' }) });
}

describe("the moderator's box", () => {
  it('opens when the debate waits for the moderator and posts resume with the note', async () => {
    const { page } = panel;
    await panel.send(init(), runStart('Tabs or spaces?', 2), status('speaking'), turnStart(0), ...tokenMessages(0, tokenize('Spaces, for alignment.')));
    const box = page.getByRole('region', { name: 'The debate waits for you, the moderator' });
    expect(await box.isVisible()).toBe(false);
    await panel.send(runEnd([turn(0, 'Spaces, for alignment.')], 'paused'));
    expect(await box.isVisible()).toBe(true);
    expect(await page.locator('.status-line').textContent()).toContain('waits for the moderator');
    // Who speaks next defaults to the next in order; the exchanges left count the one under way.
    expect(await box.getByRole('combobox', { name: 'Who speaks next' }).inputValue()).toBe('1');
    // (The run's end carries the transcript of a one-exchange debate: the exchange under way is the one left.)
    expect(await box.getByRole('spinbutton', { name: 'Exchanges left' }).inputValue()).toBe('1');
    expect(await page.locator('#moderator-left-hint').textContent()).toBe('0 exchanges spoken so far, one under way.');

    await panel.clearPosted();
    await box.getByRole('textbox', { name: 'Note to the speakers' }).fill('Both of you: the cost, please.');
    await box.getByRole('button', { name: 'Resume', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'resume', note: 'Both of you: the cost, please.' }]);
  });

  it('posts who speaks next and the exchanges in all when changed, and End debate', async () => {
    const { page } = panel;
    await panel.send(pausedDebate());
    const box = page.getByRole('region', { name: 'The debate waits for you, the moderator' });
    await box.getByRole('combobox', { name: 'Who speaks next' }).selectOption('0');
    await box.getByRole('spinbutton', { name: 'Exchanges left' }).fill('3');
    await panel.clearPosted();
    await box.getByRole('button', { name: 'Resume', exact: true }).click();
    // One exchange under way plus three left: three exchanges in all.
    expect(await validPosted()).toEqual([{ type: 'resume', nextSpeaker: 0, exchanges: 3 }]);

    await panel.clearPosted();
    await box.getByRole('button', { name: 'End debate', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'resume', end: true }]);
  });

  it('Ctrl+Enter in the note resumes; Escape there neither stops nor closes the box', async () => {
    const { page } = panel;
    await panel.send(pausedDebate());
    const note = page.getByRole('textbox', { name: 'Note to the speakers' });
    await note.fill('Shorter answers.');
    await panel.clearPosted();
    await page.keyboard.press('Escape');
    expect(await note.isVisible()).toBe(true);
    expect(await note.inputValue()).toBe('Shorter answers.');
    await page.keyboard.press('Control+Enter');
    expect(await validPosted()).toEqual([{ type: 'resume', note: 'Shorter answers.' }]);
  });

  it('Interject while running posts pause, then puts the cursor in the note once the debate waits', async () => {
    const { page } = panel;
    await panel.send(init(), runStart('Tabs or spaces?', 2), status('speaking'), turnStart(0));
    await panel.clearPosted();
    await page.getByRole('button', { name: 'Interject', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'pause' }]);
    await panel.send(status('pausing'));
    const pause = page.getByRole('button', { name: 'Pausing after this turn', exact: true });
    expect(await pause.isDisabled()).toBe(true);
    expect(await page.locator('.status-line').textContent()).toContain('pauses after this turn');
    await panel.send(runEnd([turn(0, 'Spaces.')], 'paused'));
    expect(await page.evaluate('document.activeElement.id')).toBe('moderator-note');
  });

  it('Pause posts pause; the box stays shut until the debate waits', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0));
    await panel.clearPosted();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'pause' }]);
    expect(await page.locator('.moderator-box').isVisible()).toBe(false);
  });
});

describe('going on with a debate', () => {
  it('Continue posts the number of exchanges to add; Finish debate the planned ones of a stopped debate', async () => {
    const { page } = panel;
    await panel.send(init({ status: 'done', transcript: transcript({ turns: TWO_TURNS, outcome: 'complete', stopReason: 'exchanges' }) }));
    // A finished debate has nothing planned left to finish.
    expect(await page.getByRole('button', { name: 'Finish debate', exact: true }).count()).toBe(0);
    await page.getByRole('spinbutton', { name: 'more exchanges' }).fill('2');
    await panel.clearPosted();
    await page.getByRole('button', { name: 'Continue', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'continue', exchanges: 2 }]);

    await panel.send(debate({ status: 'stopped', transcript: transcript({ exchanges: 2, turns: TWO_TURNS, outcome: 'stopped', stopReason: 'user' }) }));
    await panel.clearPosted();
    await page.getByRole('button', { name: 'Finish debate', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'continue' }]);
  });

  it('Branch from here on any turn, Regenerate only on the last speaker turn, Retry this turn when it failed', async () => {
    const { page } = panel;
    const note = moderatorTurn('note-1', 'Be brief.');
    await panel.send(init({ status: 'done', transcript: transcript({ turns: [TWO_TURNS[0]!, note, TWO_TURNS[1]!], outcome: 'complete', stopReason: 'exchanges' }) }));
    const first = page.locator('[data-turn-id="turn-0"]');
    const last = page.locator('[data-turn-id="turn-1"]');
    expect(await page.getByRole('button', { name: 'Branch from here', exact: true }).count()).toBe(3);
    expect(await page.getByRole('button', { name: 'Regenerate', exact: true }).count()).toBe(1);
    expect(await first.getByRole('button', { name: 'Regenerate' }).count()).toBe(0);

    await panel.clearPosted();
    await first.getByRole('button', { name: 'Branch from here' }).click();
    await page.locator('[data-turn-id="note-1"]').getByRole('button', { name: 'Branch from here' }).click();
    await last.getByRole('button', { name: 'Regenerate' }).click();
    expect(await validPosted()).toEqual([
      { type: 'branch', turnId: 'turn-0' },
      { type: 'branch', turnId: 'note-1' },
      { type: 'regenerate', turnId: 'turn-1' },
    ]);

    // The host answers with the run: while it goes, no turn offers anything.
    await panel.send(runStart('Tabs or spaces?', 1, [TWO_TURNS[0]!, note, TWO_TURNS[1]!]), status('speaking'), turnStart(1));
    expect(await page.getByRole('button', { name: 'Branch from here' }).count()).toBe(0);
    const failed = turn(1, 'Tabs, for', 'failed', 'The connection to Ollama dropped.');
    await panel.send(runEnd([TWO_TURNS[0]!, note, failed], 'failed'));
    await panel.clearPosted();
    await last.getByRole('button', { name: 'Retry this turn' }).click();
    expect(await validPosted()).toEqual([{ type: 'regenerate', turnId: 'turn-1' }]);
  });

  it('switches between a turn\'s replies: "‹ 2/2 ›", the earlier one chosen, then back', async () => {
    const { page } = panel;
    const regenerated: SpeakerTurn = { ...turn(1, 'Tabs, for choice, again.'), alternatives: [{ text: 'Tabs, for choice.', status: 'complete', metrics: turn(1, '').metrics }] };
    await panel.send(init({ status: 'done', transcript: transcript({ turns: [TWO_TURNS[0]!, regenerated], outcome: 'complete', stopReason: 'exchanges' }) }));
    const card = page.locator('[data-turn-id="turn-1"]');
    const position = card.locator('.reply-position');
    expect(await position.textContent()).toBe('2/2');
    expect(await position.getAttribute('aria-label')).toBe('Reply 2 of 2');
    expect(await card.getByRole('button', { name: 'Next reply' }).isDisabled()).toBe(true);
    await panel.clearPosted();
    await card.getByRole('button', { name: 'Previous reply' }).click();
    expect(await validPosted()).toEqual([{ type: 'choose-alternative', turnId: 'turn-1', alternative: 0 }]);

    // The engine swaps the chosen reply with the current one; the page keeps the order it saw.
    const chosen: SpeakerTurn = { ...turn(1, 'Tabs, for choice.'), alternatives: [{ text: 'Tabs, for choice, again.', status: 'complete', metrics: turn(1, '').metrics }] };
    await panel.send(debate({ status: 'done', transcript: transcript({ turns: [TWO_TURNS[0]!, chosen], outcome: 'complete', stopReason: 'exchanges' }) }));
    expect(await position.textContent()).toBe('1/2');
    expect(await card.locator('.turn-body').textContent()).toContain('Tabs, for choice.');
    expect(await card.getByRole('button', { name: 'Previous reply' }).isDisabled()).toBe(true);
    await panel.clearPosted();
    await card.getByRole('button', { name: 'Next reply' }).click();
    expect(await validPosted()).toEqual([{ type: 'choose-alternative', turnId: 'turn-1', alternative: 0 }]);
  });

  it('says where the previous debate is kept when a new one replaces it on screen, with a link to open it', async () => {
    const { page } = panel;
    await panel.send(init({ status: 'done', transcript: transcript({ turns: TWO_TURNS, outcome: 'complete', stopReason: 'exchanges' }) }));
    expect(await page.locator('#start-replaces').textContent()).toContain('stays in the Debates view');
    await panel.openSetup();
    await page.getByRole('textbox', { name: 'Topic', exact: true }).fill('Cats or dogs?');
    await page.getByRole('button', { name: 'Start debate', exact: true }).click();
    await panel.waitForPosted(byType('start'));
    await panel.send({ type: 'debate-event', event: { type: 'run-start', transcript: transcript({ id: 'debate-2', topic: 'Cats or dogs?' }) } });
    expect(await page.locator('.notice').textContent()).toContain('The previous debate, “Tabs or spaces?”, is kept in the Debates view.');
    expect(await page.locator('.notice').getAttribute('aria-live')).toBe('polite');
    // While the new one runs, the set-up is folded to its line; opened, it says it sets up the next debate.
    expect(await page.getByRole('textbox', { name: 'Topic', exact: true }).isVisible()).toBe(false);
    await panel.openSetup();
    expect(await page.locator('.setup-for-next').textContent()).toContain('Changes here set up the next debate');
    expect(await page.getByRole('button', { name: 'Start debate', exact: true }).isDisabled()).toBe(true);
    await panel.clearPosted();
    await page.getByRole('button', { name: 'Open it', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'open-debate', debateId: 'debate-1' }]);
    expect(await panel.savedState()).toMatchObject({ debateId: 'debate-2' });
  });
});

describe('a debate that can not be changed here', () => {
  it('read-only: says where it runs, offers Check again and Branch, nothing that changes it', async () => {
    const { page } = panel;
    const reason = 'This debate is running in the CLI (pid 4242) on host build-box, so it is read-only here. Branch it to go on with your own copy.';
    await panel.send(init({ status: 'running-elsewhere', transcript: transcript({ turns: TWO_TURNS }), access: { kind: 'read-only', reason } }));
    expect(await page.getByRole('note').textContent()).toContain('running in the CLI (pid 4242) on host build-box');
    expect(await page.locator('.status-line').textContent()).toContain('Running elsewhere');
    for (const name of ['Continue', 'Finish debate', 'Pause', 'Stop', 'Regenerate']) expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    expect(await page.getByRole('button', { name: 'Branch from here', exact: true }).count()).toBe(2);
    // Escape stops nothing: nothing runs here.
    await panel.clearPosted();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Check again', exact: true }).click();
    expect(await validPosted()).toEqual([{ type: 'reload-debate' }]);
  });

  it('missing: says so where the debate would be, not "Ready", and keeps its id for the next reload', async () => {
    await panel.close();
    panel = await openPanel({ savedState: { debateId: '20260101-000000-abcdef', form: { topic: '', speakers: [{ model: '', tone: '' }], exchanges: 3 } } });
    const { page } = panel;
    const reason = 'This debate (20260101-000000-abcdef) is not in the library at /home/me/.local/share/talking-models: it was deleted, or it is kept in another library folder.';
    await panel.send(init({ access: { kind: 'unavailable', debateId: '20260101-000000-abcdef', reason } }));
    expect(await page.locator('.status-line').textContent()).not.toContain('Ready');
    expect(await page.locator('.status-line').textContent()).toContain('Not available');
    expect(await page.locator('.transcript-empty').textContent()).toContain('is not in the library');
    expect(await page.getByRole('note').textContent()).toContain('is not in the library');
    expect(await panel.savedState()).toMatchObject({ debateId: '20260101-000000-abcdef' });
  });
});

describe('Escape', () => {
  it('in the topic field, a model box or a dropdown leaves the field; on the page it stops the debate', async () => {
    const { page } = panel;
    await panel.send(init(), runStart(), status('speaking'), turnStart(0));
    await panel.openSetup();
    await panel.clearPosted();
    await page.getByRole('textbox', { name: 'Topic', exact: true }).focus();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Speaker 1 model', exact: true }).focus();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Speaker 2 tone', exact: true }).focus();
    await page.keyboard.press('Escape');
    await page.getByRole('slider', { name: 'Exchanges', exact: true }).focus();
    await page.keyboard.press('Escape');
    expect(await panel.posted()).toEqual([]);

    await page.getByRole('button', { name: 'Pause', exact: true }).focus();
    await page.keyboard.press('Escape');
    expect(await validPosted()).toEqual([{ type: 'stop' }]);
    await panel.clearPosted();
    await page.evaluate('document.activeElement.blur()');
    await page.keyboard.press('Escape');
    expect(await validPosted()).toEqual([{ type: 'stop' }]);
  });
});

describe('looks', () => {
  it('shows the moderator box, turn actions and the reply switcher clearly (screenshot to test-output/webview-moderator.png)', async () => {
    const { page } = panel;
    const regenerated: SpeakerTurn = { ...turn(1, 'Tabs let *everyone* pick their own width: that is accessibility, not chaos.'), alternatives: [{ text: 'Tabs, for choice.', status: 'complete', metrics: turn(1, '').metrics }] };
    const turns = [turn(0, 'Spaces are the only sane choice: they look the same everywhere and diffs stay aligned.'), regenerated];
    await panel.send(init({ status: 'paused', transcript: transcript({ exchanges: 3, turns, outcome: 'paused' }) }));
    await panel.frames();
    const { mkdirSync } = await import('node:fs');
    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/webview-moderator.png' });
    expect(await page.locator('.moderator-box').isVisible()).toBe(true);
    expect(await page.locator('.reply-switcher').count()).toBe(1);
  });
});
