// The words and choices of the Debates view's commands, kept pure: the turn list of
// "Branch from…", the choices of Continue, export file names, the delete question, the
// import message, the search results. No VS Code, no file system.
import type { LibraryEntry } from '../../engine/library/library';
import type { SearchField, SearchHit } from '../../engine/library/search';
import { topicSlug } from '../../engine/markdown';
import type { DebateOutcome, ModelInfo, SpeakerConfig, Tone, Turn } from '../../engine/types';
import { findInstalledModel } from '../contract/installed-models';
import { debateName, localDateTime, modelsSummary, oneLine, truncate } from './tree-rules';
import * as l10n from '../contract/l10n';

/** One choice of a pick list, carrying the value it stands for. */
export interface Choice<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

const TURN_PREVIEW_LENGTH = 70;

/** "3. Ada (llama3.2:1b): first words…" — `position` counts every turn from 1, as Branch's K does. */
export function turnChoiceLabel(turn: Turn, position: number): string {
  const who = turn.kind === 'speaker' ? `${oneLine(turn.speaker)} (${oneLine(turn.model)})` : l10n.t('Moderator');
  const words = oneLine(turn.text);
  return `${position}. ${who}: ${words === '' ? l10n.t('(no text)') : truncate(words, TURN_PREVIEW_LENGTH)}`;
}

/** The turns to branch after: picking turn K keeps turns 1 to K. The last turn comes first, the usual choice. */
/** What a branch changes before it goes on: nothing, or the tone of the speaker in one slot. */
export type BranchChange = { kind: 'keep' } | { kind: 'tone'; slot: number };

export function branchChangeChoices(speakers: readonly SpeakerConfig[]): Choice<BranchChange>[] {
  return [
    { label: l10n.t('Keep the speakers'), description: l10n.t('the branch goes on as the debate would'), value: { kind: 'keep' } },
    ...speakers.map((speaker, slot): Choice<BranchChange> => ({
      label: l10n.t('Give {0} another tone', oneLine(speaker.name)),
      description: l10n.t('now {0} · {1}', oneLine(speaker.tone), oneLine(speaker.model)),
      value: { kind: 'tone', slot },
    })),
  ];
}

/** The tones a branched speaker may take, its current one left out. */
export function toneChoices(tones: readonly Tone[], current: string): Choice<string>[] {
  return tones
    .filter((tone) => tone.name.toLowerCase() !== current.toLowerCase())
    .map((tone) => ({ label: oneLine(tone.name), detail: truncate(oneLine(tone.prompt), 120), value: tone.name }));
}

export function branchChoices(turns: readonly Turn[]): Choice<number>[] {
  return turns
    .map((turn, index): Choice<number> => {
      const notes: string[] = [];
      if (turn.kind === 'speaker') {
        notes.push(oneLine(turn.tone));
        if (turn.status !== 'complete') notes.push(turn.status);
      } else {
        notes.push(l10n.t("moderator's note"));
      }
      notes.push(l10n.t('exchange {0}', turn.exchange));
      return { label: turnChoiceLabel(turn, index + 1), description: notes.join(' · '), value: index + 1 };
    })
    .reverse();
}

export const CONTINUE_STEPS = [1, 2, 3, 5] as const;

/** Outcomes whose planned exchanges may be unfinished, so Continue offers to finish them. */
const UNFINISHED: ReadonlySet<DebateOutcome> = new Set(['paused', 'interrupted', 'stopped', 'failed']);

/** Continue's choices: more exchanges (1, 2, 3 or 5), and first, when it may have some left, "finish the planned exchanges" (undefined). */
export function continueChoices(outcome: DebateOutcome, planned: number): Choice<number | undefined>[] {
  const more = CONTINUE_STEPS.map((count): Choice<number | undefined> => ({
    label: count === 1 ? l10n.t('1 more exchange') : l10n.t('{0} more exchanges', count),
    description: count === 1 ? l10n.t('every speaker speaks once more') : l10n.t('every speaker speaks {0} more times', count),
    value: count,
  }));
  if (!UNFINISHED.has(outcome)) return more;
  return [{ label: l10n.t('Finish the planned exchanges'), description: l10n.t('goes on to exchange {0}', planned), value: undefined }, ...more];
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** "debate-<name-slug>-YYYY-MM-DD.md" (or .json): the debate's displayed name and the local day it was created. */
export function debateFileName(meta: { title: string | null; topic: string; createdAt: string }, format: 'markdown' | 'json'): string {
  const created = new Date(meta.createdAt);
  const date = Number.isNaN(created.getTime())
    ? 'undated'
    : `${created.getFullYear()}-${pad(created.getMonth() + 1)}-${pad(created.getDate())}`;
  return `debate-${topicSlug(meta.title ?? meta.topic)}-${date}.${format === 'markdown' ? 'md' : 'json'}`;
}

/** The name a person knows a debate by, quoted; a damaged one by its id. */
export function quotedName(entry: LibraryEntry | null, id: string): string {
  if (entry === null || !entry.ok) return l10n.t('debate {0}', id);
  return `“${truncate(debateName(entry.meta), 60)}”`;
}

/** Delete's modal question about `subject` ("the debate “Cats”"): what goes, and which branches stay. */
export function deleteQuestion(subject: string, branchNames: readonly string[]): { message: string; detail: string } {
  const lines = [l10n.t('Its turns and files are removed from the library. This cannot be undone; export it first to keep a copy.')];
  if (branchNames.length === 1) lines.push(l10n.t('Its branch {0} stays, without a parent.', branchNames[0]!));
  else if (branchNames.length > 1) {
    const shown = branchNames.slice(0, 5).join(', ');
    const listed = branchNames.length > 5 ? l10n.t('{0} and {1} more', shown, branchNames.length - 5) : shown;
    lines.push(l10n.t('Its {0} branches stay, without a parent: {1}.', branchNames.length, listed));
  }
  return { message: l10n.t('Delete {0}?', subject), detail: lines.join('\n\n') };
}

/** The id an export file names, if it names one (to say which id was taken). */
export function idInFile(text: string): string | null {
  try {
    const json: unknown = JSON.parse(text);
    const id = typeof json === 'object' && json !== null && 'id' in json ? json.id : null;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** What Import says once it worked. */
export function importedMessage(id: string, renamed: boolean, originalId: string | null): string {
  if (!renamed) return l10n.t('Imported as {0}.', id);
  return originalId === null
    ? l10n.t('A debate with its id exists in the library; imported as {0}.', id)
    : l10n.t('A debate with the id {0} exists in the library; imported as {1}.', oneLine(originalId), id);
}

function fieldWord(field: SearchField): string {
  switch (field) {
    case 'title': return l10n.t('title');
    case 'topic': return l10n.t('topic');
    case 'speaker': return l10n.t('speaker');
    case 'model': return l10n.t('model');
    case 'tone': return l10n.t('tone');
    case 'text': return l10n.t('text');
  }
}

/** "found in the topic and a model". */
export function foundIn(fields: readonly SearchField[]): string {
  const words = fields.map(fieldWord);
  if (words.length <= 1) return l10n.t('found in the {0}', words[0] ?? l10n.t('debate'));
  return l10n.t('found in the {0} and {1}', words.slice(0, -1).join(', '), words.at(-1)!);
}

/** A debate as a pick-list choice: its name, its models, how it ended and its date. */
export function debateChoice(entry: Extract<LibraryEntry, { ok: true }>): Choice<string> {
  return {
    label: truncate(debateName(entry.meta), 80),
    description: `${modelsSummary(entry.meta.speakers)} · ${entry.outcome} · ${localDateTime(entry.meta.createdAt)}`,
    value: entry.id,
  };
}

/** A search result as a pick-list choice: the name, its models and date, and the snippet (or where it matched). */
export function searchChoice(hit: SearchHit, entry: LibraryEntry | undefined): Choice<string> {
  if (entry === undefined || !entry.ok) return { label: l10n.t('Debate {0}', hit.id), detail: foundIn(hit.fields), value: hit.id };
  return { ...debateChoice(entry), detail: hit.snippet ?? foundIn(hit.fields), value: hit.id };
}

/** A title as Rename stores it: blank, or the topic itself, means "show the topic" (null). */
export function titleFromInput(input: string, topic: string): string | null {
  const title = oneLine(input);
  return title === '' || title === oneLine(topic) ? null : title;
}

/**
 * Text shown where VS Code renders `$(icon)` syntax (pick-list labels, descriptions, details):
 * each such sequence escaped, so a topic or a reply can't show icons.
 */
export function escapeIcons(text: string): string {
  return text.replace(/(\\)?\$\(([a-z0-9-]+?(?:~[a-z0-9-]*?)?)\)/giu, (match, escaped: string | undefined) => (escaped === undefined ? `\\${match}` : match));
}

/** The label of the Reveal action on this platform, as VS Code names it. */
export function revealInOsLabel(platform: NodeJS.Platform): string {
  if (platform === 'win32') return l10n.t('Reveal in File Explorer');
  if (platform === 'darwin') return l10n.t('Reveal in Finder');
  return l10n.t('Open Containing Folder');
}

/**
 * Judge Debate…'s pick list: the installed models, the one proposed (the last chosen, else the
 * setting) first, marked; the others as the host lists them, with their size.
 */
export function judgeModelChoices(models: readonly ModelInfo[], proposed: string): Choice<string>[] {
  const first = findInstalledModel(models, proposed);
  const ordered = first === undefined ? models : [first, ...models.filter((model) => model !== first)];
  return ordered.map((model) => ({
    label: model.name,
    description: [model === first ? l10n.t('proposed') : '', model.parameterSize ?? '', model.quantization ?? ''].filter((part) => part !== '').join(' · '),
    value: model.name,
  }));
}
