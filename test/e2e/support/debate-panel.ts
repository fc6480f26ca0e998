// The debate panel as a person sees it in the workbench: its controls found by their
// accessible names inside the webview's frame.
import type { Frame, Locator } from 'playwright-core';

export interface SpeakerSetup {
  model: string;
  tone: string;
}

export interface TurnView {
  /** The article's accessible name: "Speaker 1, exchange 2". */
  label: string;
  text: string;
  stopped: boolean;
}

export class DebatePanel {
  constructor(readonly frame: Frame) {}

  control(name: string): Locator {
    return this.frame.getByLabel(name, { exact: true });
  }

  button(name: string): Locator {
    return this.frame.getByRole('button', { name, exact: true });
  }

  /** The transcript region (aria-live). */
  transcript(): Locator {
    return this.frame.getByLabel('Debate transcript', { exact: true });
  }

  async transcriptLength(): Promise<number> {
    return (await this.transcript().innerText()).length;
  }

  /** Opens the set-up, which a panel showing a debate folds to one line (nothing to do when it is open). */
  async openSetup(): Promise<void> {
    const edit = this.button('Edit');
    if ((await edit.isVisible()) && (await edit.getAttribute('aria-expanded')) === 'false') await edit.click();
  }

  async setUp(topic: string, speakers: SpeakerSetup[], exchanges: number): Promise<void> {
    await this.openSetup();
    await this.control('Topic').fill(topic);
    for (const [index, speaker] of speakers.entries()) {
      const model = this.control(`Speaker ${index + 1} model`);
      await model.fill(speaker.model);
      await model.press('Tab');
      await this.control(`Speaker ${index + 1} tone`).selectOption({ label: speaker.tone });
    }
    await this.setExchanges(exchanges);
  }

  /** The Exchanges slider, moved with the keyboard as a person would. */
  async setExchanges(exchanges: number): Promise<void> {
    const slider = this.control('Exchanges');
    await slider.focus();
    await slider.press('Home');
    for (let value = 1; value < exchanges; value += 1) await slider.press('ArrowRight');
  }

  async toneOptions(speaker: number): Promise<string[]> {
    return this.control(`Speaker ${speaker} tone`).locator('option').allInnerTexts();
  }

  async turns(): Promise<TurnView[]> {
    return this.transcript()
      .locator('article.turn')
      .evaluateAll((articles) =>
        articles.map((article) => ({
          label: article.getAttribute('aria-label') ?? '',
          text: article.querySelector('.turn-body')?.textContent ?? '',
          stopped: article.querySelector('.turn-mark-stopped') !== null,
        })),
      );
  }

  /** The text of the turn being streamed so far ('' when none is). */
  async liveTurnText(): Promise<string> {
    const live = this.transcript().locator('article.turn.live .turn-body');
    return (await live.count()) === 0 ? '' : live.first().innerText();
  }

  /** True while a turn is still streaming. */
  async isStreaming(): Promise<boolean> {
    return (await this.transcript().locator('article.turn.live').count()) > 0;
  }

  /** The status line's state: 'speaking', 'paused', 'stopped', 'interrupted', 'done'... */
  async status(): Promise<string> {
    const className = (await this.frame.locator('.status-line').getAttribute('class')) ?? '';
    const state = className.split(/\s+/).find((name) => name.startsWith('status-') && name !== 'status-line');
    return state?.slice('status-'.length) ?? '';
  }

  /** Waits until the status line shows one of `statuses`; resolves to the one shown. */
  async waitForStatus(statuses: string[], timeoutMs = 30_000): Promise<string> {
    const selector = statuses.map((status) => `.status-line.status-${status}`).join(', ');
    await this.frame.locator(selector).first().waitFor({ timeout: timeoutMs });
    return this.status();
  }

  /** The moderator's notes in the transcript: their accessible names ("Moderator, exchange 2") and text. */
  async moderatorNotes(): Promise<{ label: string; text: string }[]> {
    return this.transcript()
      .locator('aside.moderator-note')
      .evaluateAll((notes) =>
        notes.map((note) => ({
          label: note.getAttribute('aria-label') ?? '',
          text: note.querySelector('.moderator-body')?.textContent ?? '',
        })),
      );
  }

  /** A button of the actions of the speaker turn at `index` (0-based): "Branch from here", "Regenerate"... */
  turnAction(index: number, name: string): Locator {
    return this.transcript().locator('article.turn').nth(index).getByRole('button', { name, exact: true });
  }
}
