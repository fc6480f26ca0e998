// The Debates view's rules, kept pure (no VS Code, no file system) so they are tested
// alone and timed in the bench: how the library's entries become a tree (recency groups,
// branches under their parent), and what each item shows (label, description, markdown
// tooltip, icon, context value for the menus).
//
// Only types and the import-free text-safety rules come from the engine: the view is built at
// activation, before the engine loads.
import type { LibraryEntry } from '../../engine/library/library';
import type { LockInfo } from '../../engine/library/lock';
import type { DebateMeta } from '../../engine/library/meta';
import { stripUnsafe } from '../../engine/text-safety';
import type { DebateOutcome, StopReason } from '../../engine/types';
import * as l10n from '../contract/l10n';

export type GroupKey = 'today' | 'yesterday' | 'week' | 'older';

/** A recency group's label, in the display language (read when the tree is built, after activation set the bundle). */
export function groupLabel(key: GroupKey): string {
  switch (key) {
    case 'today': return l10n.t('Today');
    case 'yesterday': return l10n.t('Yesterday');
    case 'week': return l10n.t('Previous 7 Days');
    case 'older': return l10n.t('Older');
  }
}

const GROUP_ORDER: readonly GroupKey[] = ['today', 'yesterday', 'week', 'older'];

/** A codicon id (`sync~spin` spins) and an optional theme color id. */
export interface IconSpec {
  id: string;
  color?: string;
}

/** What a debate's tree item shows. */
export interface ItemView {
  label: string;
  description: string;
  /** Markdown, every piece of text from the record escaped. Made when first read (VS Code asks on hover). */
  readonly tooltip: string;
  icon: IconSpec;
  /** `debate.<outcome>` or `debate.damaged`: the menus' `viewItem`. */
  contextValue: string;
}

export interface DebateNode {
  kind: 'debate';
  id: string;
  entry: LibraryEntry;
  view: ItemView;
  /** Its branches (newest first), nested. */
  children: DebateNode[];
  parent: DebateNode | null;
  group: GroupKey;
}

export interface GroupNode {
  kind: 'group';
  key: GroupKey;
  label: string;
  children: DebateNode[];
}

export interface DebateTree {
  groups: GroupNode[];
  /** Every debate node shown, by debate id. */
  byId: Map<string, DebateNode>;
  /** Debates in the library (damaged included). */
  total: number;
  /** Debates shown (the filter's matches, or all). */
  shown: number;
}

/** This extension host, to tell "running here" from "running in another window". */
export interface Self {
  pid: number;
  hostname: string;
}

export interface TreeOptions {
  now: Date;
  self: Self;
  /** Only these debates are shown (a filter's matches); null shows all. */
  only?: ReadonlySet<string> | null;
}

const MAX_LABEL_LENGTH = 80;
const ELLIPSIS = '…';

/**
 * Record text for a one-line position: control characters and bidi overrides dropped (they
 * would reorder or hide what the label says), whitespace runs as one space, trimmed.
 */
export function oneLine(text: string): string {
  return stripUnsafe(text.replace(/\s+/gu, ' ')).replace(/ {2,}/gu, ' ').trim();
}

/** `text` on one line, cut to `max` characters (an ellipsis marks the cut; never splits a surrogate pair). */
export function truncate(text: string, max: number): string {
  const line = oneLine(text);
  const chars = Array.from(line);
  if (chars.length <= max) return line;
  return `${chars.slice(0, max - 1).join('').trimEnd()}${ELLIPSIS}`;
}

/**
 * Text safe in markdown: every ASCII punctuation character backslash-escaped (CommonMark
 * allows it for all of them), so nothing a model or a person wrote becomes a link, an image,
 * emphasis, HTML or a heading, and a bare URL can't be auto-linked. Line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[!-/:-@[-`{-~]/gu, '\\$&');
}

/** The name shown for a debate: its title, else its topic; one line. */
export function debateName(meta: Pick<DebateMeta, 'title' | 'topic'>): string {
  const name = oneLine(meta.title ?? meta.topic);
  return name === '' ? l10n.t('Untitled debate') : name;
}

/** The tree label: the name, truncated. */
export function debateLabel(meta: Pick<DebateMeta, 'title' | 'topic'>): string {
  return truncate(debateName(meta), MAX_LABEL_LENGTH);
}

/** "llama3.2:1b, qwen3:4b"; a model several speakers share is named once, counted: "llama3.2:1b ×2". */
export function modelsSummary(speakers: readonly { model: string }[]): string {
  const counts = new Map<string, number>();
  for (const speaker of speakers) {
    const model = oneLine(speaker.model) || '?';
    counts.set(model, (counts.get(model) ?? 0) + 1);
  }
  return [...counts].map(([model, count]) => (count > 1 ? `${model} ×${count}` : model)).join(', ');
}

function isSelf(holder: LockInfo, self: Self): boolean {
  return holder.pid === self.pid && holder.hostname === self.hostname;
}

/** Where a live holder runs, in a few words: "here", "in the CLI", "in VS Code (my-project)", "... on host gpu-box". */
export function holderPlace(holder: LockInfo, self: Self): string {
  if (isSelf(holder, self)) return l10n.t('here');
  const label = holder.label !== undefined && oneLine(holder.label) !== '' ? oneLine(holder.label) : '';
  const window = label === '' ? l10n.t('in another VS Code window') : l10n.t('in another VS Code window ({0})', label);
  const app = holder.app === 'CLI' ? l10n.t('in the CLI') : window;
  return holder.hostname === self.hostname ? app : l10n.t('{0} on host {1}', app, oneLine(holder.hostname));
}

/** The outcome as the description shows it: "running here", "running in the CLI", "paused · open in the CLI"... */
export function outcomeText(outcome: DebateOutcome, lockedBy: LockInfo | null, self: Self): string {
  if (lockedBy === null) return outcomeWord(outcome);
  const place = holderPlace(lockedBy, self);
  return outcome === 'running' ? l10n.t('running {0}', place) : l10n.t('{0} · open {1}', outcomeWord(outcome), place);
}

/** The outcome in one word, as the description says it. */
function outcomeWord(outcome: DebateOutcome): string {
  switch (outcome) {
    case 'running': return l10n.t('running');
    case 'paused': return l10n.t('paused');
    case 'interrupted': return l10n.t('interrupted');
    case 'complete': return l10n.t('complete');
    case 'stopped': return l10n.t('stopped');
    case 'failed': return l10n.t('failed');
  }
}

const OUTCOME_ICONS: Record<DebateOutcome, IconSpec> = {
  running: { id: 'sync~spin' },
  paused: { id: 'debug-pause' },
  interrupted: { id: 'warning', color: 'problemsWarningIcon.foreground' },
  complete: { id: 'pass', color: 'testing.iconPassed' },
  stopped: { id: 'debug-stop' },
  failed: { id: 'error', color: 'problemsErrorIcon.foreground' },
};

export const DAMAGED_ICON: IconSpec = { id: 'circle-slash', color: 'problemsErrorIcon.foreground' };

export function outcomeIcon(outcome: DebateOutcome): IconSpec {
  return OUTCOME_ICONS[outcome];
}

/** The outcome as the tooltip says it. */
function outcomeWords(outcome: DebateOutcome): string {
  switch (outcome) {
    case 'paused': return l10n.t('paused, waiting for the moderator');
    case 'interrupted': return l10n.t('interrupted (the process running it ended; it can continue from its last complete turn)');
    default: return outcomeWord(outcome);
  }
}

function stopReasonWords(reason: StopReason): string {
  switch (reason) {
    case 'exchanges': return l10n.t('the exchange count was reached');
    case 'moderator': return l10n.t('the moderator ended it');
    case 'repetition': return l10n.t('a speaker repeated itself');
    case 'consensus': return l10n.t('the speakers agreed');
    case 'user': return l10n.t('stopped by the user');
    case 'error': return l10n.t('an error');
  }
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-01 11:05", in local time; the text as given when it is not a date. */
export function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The date in the description: the time for today and yesterday (the group says the day), else "Mar 3" or "Mar 3, 2025". */
export function shortDate(date: Date, group: GroupKey, now: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  if (group === 'today' || group === 'yesterday') return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const day = `${MONTHS[date.getMonth()]} ${date.getDate()}`;
  return date.getFullYear() === now.getFullYear() ? day : `${day}, ${date.getFullYear()}`;
}

/** The local midnight `days` days before `now`'s (calendar arithmetic, so a DST change doesn't shift it). */
function localMidnight(now: Date, daysBefore: number): number {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBefore).getTime();
}

/** The recency group of a debate created at `created`, by local calendar days. A date in the future counts as today. */
export function groupOf(created: Date, now: Date): GroupKey {
  const time = created.getTime();
  if (Number.isNaN(time)) return 'older';
  if (time >= localMidnight(now, 0)) return 'today';
  if (time >= localMidnight(now, 1)) return 'yesterday';
  if (time >= localMidnight(now, 7)) return 'week';
  return 'older';
}

/** When a debate was created: its record's createdAt, else (a damaged record) the time its id encodes (UTC). */
export function createdAtOf(entry: LibraryEntry): Date {
  if (entry.ok) return new Date(entry.meta.createdAt);
  const match = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-/u.exec(entry.id);
  if (match === null) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function turnsText(count: number): string {
  return count === 1 ? l10n.t('1 turn') : l10n.t('{0} turns', count);
}

/** The tooltip of a readable debate, as markdown. `names` gives other debates' names (for the parent). */
export function debateTooltip(
  entry: Extract<LibraryEntry, { ok: true }>,
  self: Self,
  names: ReadonlyMap<string, string>,
): string {
  const { meta } = entry;
  const lines: string[] = [`**${escapeMarkdown(debateName(meta))}**`];
  if (meta.title !== null) lines.push(l10n.t('Topic: {0}', escapeMarkdown(meta.topic)));
  const speakers = meta.speakers.map((s) => `${escapeMarkdown(s.name)} (${escapeMarkdown(s.model)}, ${escapeMarkdown(s.tone)})`);
  lines.push(l10n.t('Speakers: {0}', speakers.join('; ')));
  lines.push(l10n.t('Created: {0}', escapeMarkdown(localDateTime(meta.createdAt))));
  let outcome = l10n.t('Outcome: {0}', escapeMarkdown(outcomeWords(entry.outcome)));
  if (meta.stopReason !== null && entry.outcome !== 'running') {
    const found = meta.stopNote === undefined ? '' : `: ${meta.stopNote}`;
    outcome += ` \\(${escapeMarkdown(`${stopReasonWords(meta.stopReason)}${found}`)}\\)`;
  }
  lines.push(outcome);
  if (entry.lockedBy !== null) {
    const where = holderPlace(entry.lockedBy, self);
    lines.push(escapeMarkdown(l10n.t('In use {0} (pid {1}); elsewhere it opens read-only.', where, entry.lockedBy.pid)));
  }
  const planned = meta.exchanges === 1 ? l10n.t('{0} (1 exchange planned)', turnsText(meta.turnCount)) : l10n.t('{0} ({1} exchanges planned)', turnsText(meta.turnCount), meta.exchanges);
  lines.push(l10n.t('Turns: {0}', escapeMarkdown(planned)));
  if (meta.parentId !== undefined) {
    const parent = entry.parentMissing ? l10n.t('debate {0} (deleted)', meta.parentId) : `“${names.get(meta.parentId) ?? meta.parentId}”`;
    const from = meta.forkedAtTurn === undefined ? parent : l10n.t('{0} at turn {1}', parent, meta.forkedAtTurn);
    lines.push(l10n.t('Branched from {0}', escapeMarkdown(from)));
  }
  lines.push(l10n.t('Id: {0}', escapeMarkdown(meta.id)));
  // Two trailing spaces: a line break within one paragraph.
  return lines.join('  \n');
}

/** What a readable debate's item shows. */
export function debateView(
  entry: Extract<LibraryEntry, { ok: true }>,
  options: { self: Self; now: Date; group: GroupKey; names: ReadonlyMap<string, string> },
): ItemView {
  const { meta } = entry;
  const parts = [modelsSummary(meta.speakers), outcomeText(entry.outcome, entry.lockedBy, options.self)];
  if (entry.parentMissing) parts.push(l10n.t('parent deleted'));
  const date = shortDate(new Date(meta.createdAt), options.group, options.now);
  if (date !== '') parts.push(date);
  let tooltip: string | undefined;
  return {
    label: debateLabel(meta),
    description: parts.join(' · '),
    // Half the cost of building the tree, and read only for the item hovered: made on demand.
    get tooltip(): string {
      tooltip ??= debateTooltip(entry, options.self, options.names);
      return tooltip;
    },
    icon: outcomeIcon(entry.outcome),
    contextValue: `debate.${entry.outcome}`,
  };
}

/** What a damaged debate's item shows: its id and why it can't be read. */
export function damagedView(entry: Extract<LibraryEntry, { ok: false }>): ItemView {
  return {
    label: l10n.t('Damaged debate {0}', entry.id),
    description: truncate(entry.reason, MAX_LABEL_LENGTH),
    tooltip: [
      `**${escapeMarkdown(l10n.t('Damaged debate {0}', entry.id))}**`,
      escapeMarkdown(l10n.t("It can't be read: {0}.", entry.reason)),
      escapeMarkdown(l10n.t('Nothing was deleted. Reveal its folder to repair or copy its files, or delete it.')),
    ].join('  \n'),
    icon: DAMAGED_ICON,
    contextValue: 'debate.damaged',
  };
}

function parentIdOf(entry: LibraryEntry): string | null {
  return entry.ok && entry.meta.parentId !== undefined ? entry.meta.parentId : null;
}

/**
 * The library as the view shows it. Entries come newest first (as list() gives them) and keep
 * that order in each group and under each parent. A branch nests under its parent when the
 * parent is shown; a branch whose parent was deleted, or is filtered out, stands at the top
 * level (the former marked "parent deleted"). Top-level debates are grouped by the local day
 * they were created; branches go where their parent is. Parent links that form a cycle (only
 * hand-made or imported files can) are cut rather than hiding the debates.
 */
export function buildDebateTree(entries: readonly LibraryEntry[], options: TreeOptions): DebateTree {
  const only = options.only ?? null;
  const shown = only === null ? entries : entries.filter((entry) => only.has(entry.id));
  const present = new Map(shown.map((entry) => [entry.id, entry]));
  const names = new Map<string, string>();
  for (const entry of entries) if (entry.ok) names.set(entry.id, debateName(entry.meta));

  const children = new Map<string, LibraryEntry[]>();
  const roots: LibraryEntry[] = [];
  for (const entry of shown) {
    const parentId = parentIdOf(entry);
    if (parentId !== null && parentId !== entry.id && present.has(parentId)) {
      const siblings = children.get(parentId);
      if (siblings === undefined) children.set(parentId, [entry]);
      else siblings.push(entry);
    } else {
      roots.push(entry);
    }
  }

  const byId = new Map<string, DebateNode>();
  const groups = new Map<GroupKey, DebateNode[]>();
  const nodeOf = (entry: LibraryEntry, parent: DebateNode | null, group: GroupKey): DebateNode => {
    const view = entry.ok ? debateView(entry, { self: options.self, now: options.now, group, names }) : damagedView(entry);
    const node: DebateNode = { kind: 'debate', id: entry.id, entry, view, children: [], parent, group };
    byId.set(entry.id, node);
    return node;
  };
  const place = (entry: LibraryEntry, group: GroupKey): DebateNode => {
    const root = nodeOf(entry, null, group);
    // Iterative depth-first, so a long chain of branches can't overflow the stack.
    const stack: DebateNode[] = [root];
    while (stack.length > 0) {
      const current = stack.pop() as DebateNode;
      for (const child of children.get(current.id) ?? []) {
        if (byId.has(child.id)) continue;
        const node = nodeOf(child, current, group);
        current.children.push(node);
        stack.push(node);
      }
    }
    return root;
  };
  const addRoot = (entry: LibraryEntry): void => {
    const group = groupOf(createdAtOf(entry), options.now);
    const node = place(entry, group);
    const list = groups.get(group);
    if (list === undefined) groups.set(group, [node]);
    else list.push(node);
  };
  for (const entry of roots) addRoot(entry);
  // Entries still unplaced sit on a parent cycle: each becomes a root in turn, taking the rest of its cycle with it.
  for (const entry of shown) if (!byId.has(entry.id)) addRoot(entry);
  // Newest first, as listed (the roots that broke a cycle were added last).
  for (const list of groups.values()) list.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

  return {
    groups: GROUP_ORDER.flatMap((key) => {
      const list = groups.get(key);
      return list === undefined ? [] : [{ kind: 'group' as const, key, label: groupLabel(key), children: list }];
    }),
    byId,
    total: entries.length,
    shown: shown.length,
  };
}

/** The view's message: what a filter shows, or nothing. */
export function filterMessage(filter: string, tree: Pick<DebateTree, 'total' | 'shown'>): string | undefined {
  if (filter === '') return undefined;
  const quoted = `“${oneLine(filter)}”`;
  if (tree.shown === 0) return l10n.t('No debate matches {0} in its topic, title, speakers, models, tones or text.', quoted);
  return tree.total === 1 ? l10n.t('{0} of 1 debate match {1}.', tree.shown, quoted) : l10n.t('{0} of {1} debates match {2}.', tree.shown, tree.total, quoted);
}
