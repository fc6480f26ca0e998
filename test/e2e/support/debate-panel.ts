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

  async setUp(topic: string, speakers: SpeakerSetup[], exchanges: number): Promise<void> {
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
}
