// "Play the debate": reads the transcript aloud with the webview's speech synthesis, each
// speaker in its own voice (voiceRules.ts), the moderator in a neutral one. It follows the
// debate as it streams: finished turns in order, then each live turn once it ends, never one
// twice; reasoning is never read (speechText.ts). The turn read is marked in the transcript
// (a class and aria-current) and named in the control's live region.
//
// One utterance is handed to the engine at a time (a turn is read in sentence-sized pieces):
// pausing, skipping and stopping then cancel just that piece, and resuming reads the paused
// piece again. The engine's own pause is left alone: some platforms ignore it. Every piece
// carries a generation number, so the events of a cancelled piece change nothing.
import type { Turn } from '../../engine/types';
import type { DebateView } from '../../extension/contract/protocol';
import { emptyDebateView, isRunningStatus } from '../../extension/contract/snapshot';
import { ReadAloudControl } from './readAloudControl';
import { NO_SYNTHESIS, NO_VOICES, nextTurnToRead, type ReadAloudState } from './readAloudRules';
import { speechChunks } from './speechText';
import { castVoices, type VoiceCast, type VoiceChoice } from './voiceRules';
import * as l10n from './l10n';

/** How long to wait for voices that load after the page before saying there are none. */
const VOICE_WAIT_MS = 2000;

const READING_CLASS = 'reading-aloud';

/** Error codes a cancel of our own causes: not a failure. */
const CANCELLED = new Set(['interrupted', 'canceled']);

interface Reading {
  turn: Turn;
  pieces: string[];
  /** The piece being read (or to read on resume). */
  index: number;
}

/** Moves the reading mark (class and aria-current) to the card of `turnId`, or removes it. */
function markReading(transcript: HTMLElement, turnId: string | null): void {
  for (const marked of transcript.querySelectorAll<HTMLElement>(`.${READING_CLASS}`)) {
    if (marked.dataset.turnId === turnId) continue;
    marked.classList.remove(READING_CLASS);
    marked.removeAttribute('aria-current');
  }
  if (turnId === null) return;
  const card = transcript.querySelector<HTMLElement>(`[data-turn-id="${CSS.escape(turnId)}"]`);
  card?.classList.add(READING_CLASS);
  card?.setAttribute('aria-current', 'true');
}

/** The page's speech synthesis, when it has one that can be used. */
function speechSynthesisOf(page: Window & typeof globalThis): SpeechSynthesis | null {
  const synthesis = (page as Partial<Pick<Window, 'speechSynthesis'>>).speechSynthesis;
  return synthesis !== undefined && synthesis !== null && typeof page.SpeechSynthesisUtterance === 'function' ? synthesis : null;
}

export class ReadAloud {
  private readonly control: ReadAloudControl;
  private readonly synthesis: SpeechSynthesis | null;
  private voices: SpeechSynthesisVoice[] = [];
  private cast: { key: string; voices: VoiceCast<SpeechSynthesisVoice> | null } | null = null;
  private state: ReadAloudState = { kind: 'checking' };
  private debate: DebateView = emptyDebateView();
  /** Turns read, being read or skipped in this debate: none is read twice. */
  private readonly read = new Set<string>();
  private reading: Reading | null = null;
  private generation = 0;
  /** The piece handed to the engine, held: Chromium may drop the events of an utterance nothing references. */
  private readonly held = new Set<SpeechSynthesisUtterance>();

  constructor(private readonly transcript: HTMLElement, private readonly page: Window & typeof globalThis = window) {
    this.control = new ReadAloudControl({ play: () => this.play(), pause: () => this.pause(), skip: () => this.skip() });
    this.synthesis = speechSynthesisOf(page);
    if (this.synthesis === null) this.setState({ kind: 'unavailable', reason: NO_SYNTHESIS });
    else this.watchVoices(this.synthesis);
    // The panel going away (closed, reloaded) takes its speech with it.
    page.addEventListener('pagehide', () => this.stop());
  }

  get element(): HTMLElement {
    return this.control.element;
  }

  /** The debate as drawn now (after the transcript is): another debate, or this one stopped, ends the reading. */
  follow(view: DebateView): void {
    const before = this.debate;
    this.debate = view;
    if (view.transcript?.id !== before.transcript?.id) {
      this.stop();
      this.read.clear();
    } else if (view.status === 'stopped' && before.status !== 'stopped') {
      this.stop();
    } else if (this.state.kind === 'waiting') {
      this.readNext();
      return;
    }
    this.render();
  }

  /** Stops speaking at once; Play reads on from the turn that was cut. */
  stop(): void {
    this.silence();
    if (this.reading !== null) this.read.delete(this.reading.turn.id);
    this.reading = null;
    if (this.state.kind !== 'unavailable' && this.state.kind !== 'checking') this.setState({ kind: 'idle' });
  }

  private play(): void {
    if (this.synthesis === null) return;
    if (this.state.kind === 'paused' && this.reading !== null) {
      this.setState({ kind: 'reading', turn: this.reading.turn });
      this.speakPiece(this.synthesis, this.reading);
      return;
    }
    if (this.state.kind === 'finished') this.read.clear();
    this.readNext();
  }

  private pause(): void {
    this.silence();
    this.setState(this.reading === null ? { kind: 'idle' } : { kind: 'paused', turn: this.reading.turn });
  }

  private skip(): void {
    this.silence();
    this.reading = null;
    this.readNext();
  }

  /** Cancels the piece being spoken, if any (speech of others is left alone); its events change nothing after this. */
  private silence(): void {
    this.generation += 1;
    if (this.held.size > 0) this.synthesis?.cancel();
    this.held.clear();
  }

  /** Reads the next turn not read yet; with none, waits for one while the debate may still get turns. */
  private readNext(): void {
    const synthesis = this.synthesis;
    const transcript = this.debate.transcript;
    const next = transcript === null ? null : nextTurnToRead(transcript.turns, this.read);
    if (synthesis === null || next === null) {
      this.reading = null;
      const goesOn = isRunningStatus(this.debate.status) || this.debate.status === 'paused';
      this.setState({ kind: goesOn ? 'waiting' : 'finished' });
      return;
    }
    this.read.add(next.turn.id);
    this.reading = { turn: next.turn, pieces: speechChunks(next.text), index: 0 };
    this.setState({ kind: 'reading', turn: next.turn });
    this.speakPiece(synthesis, this.reading);
  }

  private speakPiece(synthesis: SpeechSynthesis, reading: Reading): void {
    const choice = this.voiceFor(reading.turn);
    if (choice === null) {
      this.stop();
      return;
    }
    const utterance = new this.page.SpeechSynthesisUtterance(reading.pieces[reading.index]);
    utterance.voice = choice.voice;
    utterance.lang = choice.voice.lang;
    utterance.pitch = choice.pitch;
    utterance.rate = choice.rate;
    const generation = ++this.generation;
    utterance.addEventListener('end', () => {
      this.held.delete(utterance);
      if (generation === this.generation) this.pieceSpoken(synthesis, reading);
    });
    utterance.addEventListener('error', (event) => {
      this.held.delete(utterance);
      if (generation === this.generation && !CANCELLED.has(event.error)) this.fail(event.error);
    });
    this.held.add(utterance);
    synthesis.speak(utterance);
  }

  private pieceSpoken(synthesis: SpeechSynthesis, reading: Reading): void {
    reading.index += 1;
    if (reading.index < reading.pieces.length) this.speakPiece(synthesis, reading);
    else this.readNext();
  }

  private fail(error: string): void {
    this.silence();
    this.reading = null;
    this.setState({ kind: 'failed', reason: l10n.t('Reading aloud stopped: the speech engine reported “{0}”.', error) });
  }

  /** The speaker's voice (the moderator's neutral one for a moderator's turn), cast once per debate and set of voices. */
  private voiceFor(turn: Turn): VoiceChoice<SpeechSynthesisVoice> | null {
    const transcript = this.debate.transcript;
    if (transcript === null) return null;
    const languages = [transcript.language, this.page.navigator.language];
    const request = { speakers: transcript.speakers.length, languages, reserveModerator: transcript.moderator !== undefined };
    const key = JSON.stringify([request, this.voices.map((voice) => voice.voiceURI)]);
    if (this.cast?.key !== key) this.cast = { key, voices: castVoices(this.voices, request) };
    const cast = this.cast.voices;
    if (cast === null) return null;
    return turn.kind === 'moderator' ? cast.moderator : (cast.speakers[turn.speakerIndex] ?? cast.moderator);
  }

  /** Voices may arrive after the page (Chromium loads them lazily): wait for them a moment, and follow any change. */
  private watchVoices(synthesis: SpeechSynthesis): void {
    const update = (settled: boolean) => {
      this.voices = synthesis.getVoices();
      if (this.voices.length > 0) {
        if (this.state.kind === 'checking' || this.state.kind === 'unavailable') this.setState({ kind: 'idle' });
      } else if (settled || this.state.kind !== 'checking') {
        this.stop();
        this.setState({ kind: 'unavailable', reason: NO_VOICES });
      }
    };
    synthesis.addEventListener('voiceschanged', () => update(true));
    update(false);
    if (this.state.kind === 'checking') this.page.setTimeout(() => this.state.kind === 'checking' && update(true), VOICE_WAIT_MS);
  }

  private setState(state: ReadAloudState): void {
    this.state = state;
    this.render();
  }

  private render(): void {
    const { transcript, status } = this.debate;
    const readable = transcript !== null && (transcript.turns.length > 0 || isRunningStatus(status));
    this.control.render(this.state, readable);
    markReading(this.transcript, this.state.kind === 'reading' || this.state.kind === 'paused' ? this.state.turn.id : null);
  }
}
