// The Debates view's data: the library's entries, read when VS Code asks for the tree and
// shaped by tree-rules.ts into recency groups with branches under their parents. Reading is
// left to `load` (register.ts opens the library); this file only turns the result into tree
// items, keeps the last tree for getParent/reveal, and carries the filter text.
import * as vscode from 'vscode';
import type { LibraryEntry } from '../../engine/library/library';
import { LIBRARY_COMMANDS } from '../commands';
import { errorMessage, type Logger } from '../log';
import { buildDebateTree, type DebateNode, type DebateTree, type GroupNode, type IconSpec, type Self } from './tree-rules';

/** Shown instead of the tree when the library can't be read. */
export interface NoticeNode {
  kind: 'notice';
  message: string;
}

export type DebatesTreeNode = GroupNode | DebateNode | NoticeNode;

/** What `load` gives: the entries (newest first), the filter's matches (null: no filter) and the library folder. */
export type LoadedLibrary =
  | { ok: true; entries: LibraryEntry[]; only: ReadonlySet<string> | null; folder: string }
  | { ok: false; message: string };

export type LoadedTree = { ok: true; tree: DebateTree; folder: string } | { ok: false; message: string };

export function isDebateNode(value: unknown): value is DebateNode {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'debate' && typeof (value as { id?: unknown }).id === 'string';
}

function themeIcon(icon: IconSpec): vscode.ThemeIcon {
  return icon.color === undefined ? new vscode.ThemeIcon(icon.id) : new vscode.ThemeIcon(icon.id, new vscode.ThemeColor(icon.color));
}

export class DebatesTreeProvider implements vscode.TreeDataProvider<DebatesTreeNode>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<DebatesTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changes.event;
  private readonly loads = new vscode.EventEmitter<LoadedTree>();
  /** Fires with each tree read (the view's message and the file watcher follow it). */
  readonly onDidLoad = this.loads.event;
  private current: Promise<LoadedTree> | null = null;
  private generation = 0;
  private filterText = '';

  constructor(
    private readonly load: (filter: string) => Promise<LoadedLibrary>,
    private readonly log: Logger,
    private readonly self: Self,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The filter text ('' when none). */
  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.refresh();
  }

  /** Reads the library again the next time the view asks. */
  refresh(): void {
    this.current = null;
    this.generation += 1;
    this.changes.fire(undefined);
  }

  /** The tree as last read (reading it if needed). */
  tree(): Promise<LoadedTree> {
    this.current ??= this.read(this.generation);
    return this.current;
  }

  /** The node showing debate `id`, if the tree shows it. */
  async find(id: string): Promise<DebateNode | undefined> {
    const loaded = await this.tree();
    return loaded.ok ? loaded.tree.byId.get(id) : undefined;
  }

  async getChildren(node?: DebatesTreeNode): Promise<DebatesTreeNode[]> {
    if (node === undefined) {
      const loaded = await this.tree();
      return loaded.ok ? loaded.tree.groups : [{ kind: 'notice', message: loaded.message }];
    }
    return node.kind === 'notice' ? [] : node.children;
  }

  async getParent(node: DebatesTreeNode): Promise<DebatesTreeNode | undefined> {
    if (node.kind !== 'debate') return undefined;
    if (node.parent !== null) return node.parent;
    const loaded = await this.tree();
    return loaded.ok ? loaded.tree.groups.find((group) => group.key === node.group) : undefined;
  }

  getTreeItem(node: DebatesTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${node.key}`;
        item.contextValue = 'debates.group';
        return item;
      }
      case 'notice': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = 'notice';
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = vscode.l10n.t('{0}\n\nClick to try again.', node.message);
        item.command = { command: LIBRARY_COMMANDS.refreshDebates, title: vscode.l10n.t('Refresh') };
        item.contextValue = 'debates.notice';
        return item;
      }
      case 'debate': {
        const { view } = node;
        const state = node.children.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None;
        const item = new vscode.TreeItem(view.label, state);
        // VS Code keeps an item's collapsible state by id: a debate that just got its first branch
        // would stay shut under the same id. A parent is a new item, so it opens expanded.
        item.id = node.children.length > 0 ? `debate:${node.id}:parent` : `debate:${node.id}`;
        item.description = view.description;
        // The tooltip is left to resolveTreeItem: made only for the item hovered.
        item.iconPath = themeIcon(view.icon);
        item.contextValue = view.contextValue;
        item.accessibilityInformation = { label: `${view.label}, ${view.description}` };
        item.command = { command: LIBRARY_COMMANDS.openDebate, title: vscode.l10n.t('Open'), arguments: [node.id] };
        return item;
      }
    }
  }

  /** VS Code asks on hover: the debate's tooltip. */
  resolveTreeItem(item: vscode.TreeItem, node: DebatesTreeNode): vscode.TreeItem {
    if (node.kind === 'debate') {
      // Untrusted, no HTML, no theme icons: the text comes from records and models (and tree-rules escaped it).
      const tooltip = new vscode.MarkdownString(node.view.tooltip, false);
      tooltip.isTrusted = false;
      tooltip.supportHtml = false;
      item.tooltip = tooltip;
    }
    return item;
  }

  dispose(): void {
    this.changes.dispose();
    this.loads.dispose();
  }

  private async read(generation: number): Promise<LoadedTree> {
    let loaded: LoadedTree;
    try {
      const library = await this.load(this.filterText);
      loaded = library.ok
        ? { ok: true, tree: buildDebateTree(library.entries, { now: this.now(), self: this.self, only: library.only }), folder: library.folder }
        : library;
    } catch (error) {
      loaded = { ok: false, message: vscode.l10n.t('The debates could not be listed: {0}', errorMessage(error)) };
    }
    if (!loaded.ok) this.log.error(loaded.message);
    // A refresh meanwhile makes this read stale: its listeners wait for the next one.
    if (generation === this.generation) this.loads.fire(loaded);
    return loaded;
  }
}
