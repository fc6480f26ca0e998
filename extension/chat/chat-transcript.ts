// A debate run as the Chat view shows it, pure: what the session controller posts (engine
// events, tokens in batches) becomes chat parts in order: a heading per turn
// ("### Speaker 1 · model · tone"), its reply quoted as it streams (quoted-stream.ts), the
// moderator's words, progress lines for what is at work, the engine's warnings and errors,
// and a verdict. Names, models, tones and errors are one line with markdown escaped
// (engine/markdown.ts `inline`); icon syntax in them is escaped too, as warnings show icons.
// Turns spoken at once (a simultaneous round) can't share one stream: the first streams live,
// the others are written whole when they end.
import { inline } from '../../engine/markdown';
import { CRITERION_NAMES, formatScore, JUDGE_CRITERIA, verdictOutcome } from '../../engine/judge/verdict-words';
import type { Verdict } from '../../engine/judge/verdict';
import type { DebateError, ModeratorActivity, ModeratorTurn, SpeakerTurn, Transcript, Turn } from '../../engine/types';
import type { HostMessage, PanelEvent } from '../contract/protocol';
import { escapeIcons } from '../library/command-rules';
import { QuotedStream } from './quoted-stream';
import * as l10n from '../contract/l10n';

export type ChatPart =
  /** Markdown of ours, untrusted text in it escaped or quoted. */
  | { kind: 'markdown'; markdown: string }
  /** A transient "what is at work" line (plain text). */
  | { kind: 'progress'; text: string }
  /** A line to show with a warning icon: markdown whose icon syntax is escaped. */
  | { kind: 'warning'; markdown: string };

function markdown(text: string): ChatPart {
  return { kind: 'markdown', markdown: text };
}

/** Pure: an engine or judge message (untrusted words in it: models, hosts) as a warning line. */
export function warningPart(message: string): ChatPart {
  return { kind: 'warning', markdown: `$(warning) ${escapeIcons(inline(message))}` };
}

/** Pure: untrusted text, whole, as a closed quote. */
export function quotedMarkdown(text: string): string {
  const quote = new QuotedStream();
  return quote.write(text) + quote.close();
}

function speakerHeading(turn: { speaker: string; model: string; tone: string; closing?: unknown }): string {
  const closing = turn.closing === undefined ? '' : ` · ${l10n.t('closing statement')}`;
  return `\n\n### ${inline(turn.speaker)} · ${inline(turn.model)} · ${inline(turn.tone)}${closing}\n\n`;
}

/** Why a speaker's turn did not complete (the engine's note is untrusted: it may quote a server). */
function turnEndNote(turn: SpeakerTurn): string {
  if (turn.status === 'complete') return '';
  const status = turn.status === 'stopped' ? l10n.t('Stopped') : l10n.t('Failed');
  const note = turn.note === undefined || turn.note.trim() === '' ? '' : `: ${inline(turn.note)}`;
  return `*${status}*${note}\n\n`;
}

function moderatorLabel(turn: ModeratorTurn): string {
  const who = turn.ai === undefined ? l10n.t("Moderator's note") : l10n.t('Moderator ({0})', inline(turn.ai.model));
  return `\n\n**${who}**\n\n`;
}

const MODERATOR_AT_WORK: Record<ModeratorActivity, (round: number) => string> = {
  framing: () => l10n.t('framing the question'),
  review: (round) => l10n.t('summarising round {0}', round),
  picking: () => l10n.t('choosing who speaks next'),
};

/** The state of one run shown in one chat response. */
export class ChatTranscript {
  /** The turn whose tokens stream into the chat now. */
  private live: { turnId: string; quote: QuotedStream } | null = null;
  private readonly speakers = new Map<string, string>();
  private readonly thinkingShown = new Set<string>();
  private error: DebateError | null = null;

  /** The last error the run reported (a missing model offers its pull), or null. */
  get lastError(): DebateError | null {
    return this.error;
  }

  /** The chat parts for one message of the session controller. */
  accept(message: HostMessage): ChatPart[] {
    return message.type === 'debate-event' ? this.event(message.event) : [];
  }

  private event(event: PanelEvent): ChatPart[] {
    switch (event.type) {
      case 'models-loading':
        return [{ kind: 'progress', text: l10n.t('Loading {0}…', event.models.join(', ')) }];
      case 'turn-start':
        this.speakers.set(event.turnId, event.speaker);
        if (this.live !== null) return [];
        this.live = { turnId: event.turnId, quote: new QuotedStream() };
        return [markdown(speakerHeading(event)), { kind: 'progress', text: l10n.t('{0} is speaking…', event.speaker) }];
      case 'token': {
        if (this.live?.turnId !== event.turnId) return [];
        const text = this.live.quote.write(event.text);
        return text === '' ? [] : [markdown(text)];
      }
      case 'thinking': {
        if (this.thinkingShown.has(event.turnId)) return [];
        this.thinkingShown.add(event.turnId);
        return [{ kind: 'progress', text: l10n.t('{0} is thinking…', this.speakers.get(event.turnId) ?? '') }];
      }
      case 'moderator-start':
        return [{ kind: 'progress', text: l10n.t('Moderator ({0}) is {1}', event.model, MODERATOR_AT_WORK[event.activity](event.round)) }];
      case 'turn-end':
        return [markdown(this.turnEnd(event.turn))];
      case 'error':
        this.error = event.error;
        return [warningPart(event.error.message)];
      case 'warning':
        return [warningPart(event.message)];
      case 'judge-start':
        return [{ kind: 'progress', text: l10n.t('Judge ({0}) is judging the debate blind', event.model) }];
      case 'verdict':
        return [markdown(verdictMarkdown(event.verdict))];
      case 'verdict-unavailable':
        return [warningPart(l10n.t('Verdict unavailable: {0}', event.reason))];
      case 'run-start':
      case 'run-end':
        return [];
      default: {
        const unexpected: never = event;
        throw new Error(`Unknown debate event: ${JSON.stringify(unexpected)}`);
      }
    }
  }

  /** The live turn's quote closed, or a turn that did not stream (a simultaneous one, a moderator's) written whole. */
  private turnEnd(turn: Turn): string {
    if (turn.kind === 'moderator') return moderatorLabel(turn) + quotedMarkdown(turn.text);
    if (this.live?.turnId === turn.id) {
      const closed = this.live.quote.close();
      this.live = null;
      return closed + turnEndNote(turn);
    }
    return speakerHeading(turn) + (turn.text === '' ? '' : quotedMarkdown(turn.text)) + turnEndNote(turn);
  }
}

/** "A tie (…)" rather than "a tie (…)": the outcome starts its line. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Pure: a judge's verdict: who won or why it is a tie, the scores, the family warning, the rationale (quoted). */
export function verdictMarkdown(verdict: Verdict): string {
  const criteria = JUDGE_CRITERIA.map((criterion) => CRITERION_NAMES[criterion]);
  const lines = [
    '',
    '',
    `### ${l10n.t('Verdict')} · ${inline(verdict.judgeModel)}`,
    '',
    `**${inline(sentence(verdictOutcome(verdict)))}**`,
    '',
    `| ${l10n.t('Speaker')} | ${criteria.join(' | ')} | ${l10n.t('Overall')} |`,
    `| --- | ${criteria.map(() => '---:').join(' | ')} | ---: |`,
    ...verdict.scores.map((side) => {
      const scores = JUDGE_CRITERIA.map((criterion) => formatScore(side.scores[criterion])).join(' | ');
      return `| ${inline(side.speaker)} (${inline(side.model)}) | ${scores} | ${formatScore(side.overall)} |`;
    }),
    '',
  ];
  if (verdict.familyWarning !== null) lines.push(`*${inline(verdict.familyWarning)}*`, '');
  const rationale = verdict.rationale.trim() === '' ? '' : `**${l10n.t('Rationale')}**\n\n${quotedMarkdown(verdict.rationale)}`;
  // The blank line ends the table (or the warning's paragraph) before the rationale.
  return `${lines.join('\n')}\n${rationale}`;
}

/** Pure: the line that ends a run in the chat: how the debate stands now and that it is saved. */
export function runSummary(transcript: Transcript | null, cancelled: boolean): string {
  if (transcript === null) return `\n\n${l10n.t('No debate was saved.')}\n`;
  const spoken = transcript.turns.filter((turn) => turn.kind === 'speaker').length;
  const saved = spoken === 1 ? l10n.t('1 turn, saved in the Debates view.') : l10n.t('{0} turns, saved in the Debates view.', spoken);
  const state = cancelled
    ? l10n.t('Debate stopped from the chat.')
    : transcript.outcome === 'complete' ? l10n.t('Debate finished.')
      : transcript.outcome === 'stopped' ? l10n.t('Debate stopped.')
        : transcript.outcome === 'failed' ? l10n.t('The debate failed; what was said before is kept.')
          : transcript.outcome === 'paused' ? l10n.t('Debate paused: it waits for the moderator.')
            : l10n.t('Debate interrupted before it finished; it can resume from its last completed turn.');
  return `\n\n**${state}** ${saved}\n`;
}
