// The Debates view as package.json contributes it: the container and its icon, the view and
// its welcome, the commands (icons that exist, hidden from the palette when they need an
// item), and which actions each kind of item offers.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBATES_CONTEXT, DEBATES_VIEW_ID, LIBRARY_COMMANDS } from '../../../extension/commands';
import { DAMAGED_ICON, outcomeIcon } from '../../../extension/library/tree-rules';
import { englishManifest } from '../l10n/english-manifest';

interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}

interface Manifest {
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; icon?: string }>;
    viewsContainers: { activitybar: Array<{ id: string; title: string; icon: string }> };
    views: Record<string, Array<{ id: string; name: string }>>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
    menus: Record<string, MenuItem[]>;
    configuration: { properties: Record<string, { type: string; default: unknown; markdownDescription: string }> };
  };
}

const ROOT = process.cwd();
const manifest = englishManifest<Manifest>();
const { contributes } = manifest;
const codicon = (name: string): boolean => existsSync(join(ROOT, 'node_modules/@vscode/codicons/src/icons', `${name.replace(/~.*$/u, '')}.svg`));

const ITEM_COMMANDS = [
  LIBRARY_COMMANDS.openDebate,
  LIBRARY_COMMANDS.continueDebate,
  LIBRARY_COMMANDS.branchDebate,
  LIBRARY_COMMANDS.renameDebate,
  LIBRARY_COMMANDS.exportDebateMarkdown,
  LIBRARY_COMMANDS.exportDebateJson,
  LIBRARY_COMMANDS.deleteDebate,
  LIBRARY_COMMANDS.revealDebate,
  LIBRARY_COMMANDS.revealDebateMac,
  LIBRARY_COMMANDS.revealDebateLinux,
];

/** Whether a view/item/context entry shows for an item with `contextValue` (the `viewItem =~ /…/` clause; platform keys set for Linux). */
function shows(item: MenuItem, contextValue: string): boolean {
  const when = item.when ?? '';
  expect(when).toContain(`view == ${DEBATES_VIEW_ID}`);
  const match = /viewItem =~ \/(.+?)\/(?:\s|$)/u.exec(when);
  if (match === null) throw new Error(`no viewItem clause in ${when}`);
  if (/\bisWindows\b|\bisMac\b/u.test(when)) return false;
  return new RegExp(match[1] as string, 'u').test(contextValue);
}

function commandsFor(contextValue: string, inline: boolean): string[] {
  return (contributes.menus['view/item/context'] ?? [])
    .filter((item) => (item.group ?? '').startsWith('inline') === inline && shows(item, contextValue))
    .map((item) => item.command.replace('talkingModels.debates.', ''));
}

describe('package.json: the Debates view', () => {
  it('has its own activity-bar container with a 24x24 monochrome icon', () => {
    const container = contributes.viewsContainers.activitybar.find((candidate) => candidate.id === 'talkingModels');
    expect(container).toMatchObject({ title: 'Talking Models', icon: 'media/icons/debates.svg' });
    const svg = readFileSync(join(ROOT, container!.icon), 'utf8');
    expect(svg).toContain('viewBox="0 0 24 24"');
    expect(svg).toContain('width="24" height="24"');
    expect(svg).toContain('currentColor');
    // Monochrome: no colour of its own.
    expect(svg).not.toMatch(/#[0-9a-f]{3,6}\b|rgb\(/iu);
    // First in its container (the side-bar Debate view, hidden until asked for, comes after it).
    expect(contributes.views.talkingModels?.[0]).toEqual(expect.objectContaining({ id: DEBATES_VIEW_ID, name: 'Debates' }));
  });

  it('relies on VS Code inferring activation from the view and commands (engine >= 1.74)', () => {
    expect(manifest.activationEvents).not.toContain(`onView:${DEBATES_VIEW_ID}`);
  });

  it('welcomes an empty library with Start and Import, not while a filter hides everything', () => {
    const welcome = contributes.viewsWelcome.find((entry) => entry.view === DEBATES_VIEW_ID);
    expect(welcome?.contents).toContain('[Start a Debate](command:talkingModels.startDebate)');
    expect(welcome?.contents).toContain(`[Import Debate from JSON](command:${LIBRARY_COMMANDS.importDebate})`);
    expect(welcome?.when).toBe(`!${DEBATES_CONTEXT.filtered}`);
  });

  it('contributes every command under the category, with a codicon that exists', () => {
    const byId = new Map(contributes.commands.map((command) => [command.command, command]));
    for (const id of Object.values(LIBRARY_COMMANDS)) {
      const command = byId.get(id);
      expect(command?.category, id).toBe('Talking Models');
      const icon = /^\$\(([a-z0-9-~]+)\)$/u.exec(command?.icon ?? '')?.[1];
      expect(icon !== undefined && codicon(icon), `${id} icon ${command?.icon}`).toBe(true);
    }
    for (const menu of Object.values(contributes.menus)) {
      for (const item of menu) expect(byId.has(item.command), `${item.command} is in a menu but not contributed`).toBe(true);
    }
  });

  it('hides from the command palette the commands that need an item', () => {
    const palette = new Map((contributes.menus.commandPalette ?? []).map((item) => [item.command, item.when]));
    for (const id of ITEM_COMMANDS) expect(palette.get(id), id).toBe('false');
    expect(palette.get(LIBRARY_COMMANDS.clearDebatesFilter)).toBe(DEBATES_CONTEXT.filtered);
    for (const id of [LIBRARY_COMMANDS.searchDebates, LIBRARY_COMMANDS.importDebate, LIBRARY_COMMANDS.filterDebates, LIBRARY_COMMANDS.refreshDebates]) {
      expect(palette.has(id), id).toBe(false);
    }
  });

  it('puts search, filter (or clear), import, refresh and the Leaderboard in the title bar', () => {
    const title = (contributes.menus['view/title'] ?? []).filter((item) => item.group?.startsWith('navigation'));
    expect(title.map((item) => item.command.replace('talkingModels.debates.', ''))).toEqual(['search', 'filter', 'clearFilter', 'import', 'refresh', 'talkingModels.showLeaderboard']);
    expect(title[1]?.when).toContain(`!${DEBATES_CONTEXT.filtered}`);
    expect(title[2]?.when).toContain(`&& ${DEBATES_CONTEXT.filtered}`);
  });

  it('offers each kind of debate the actions that apply to it', () => {
    // Judge: any debate that is not running (a running one would be judged on half its turns).
    // Export Decision Record likewise (a record drafted from half a debate would be wrong; the palette command is the same).
    const all = ['open', 'continue', 'branch', 'judge', 'rename', 'exportMarkdown', 'exportJson', 'talkingModels.exportDecisionRecord', 'revealLinux', 'delete'];
    for (const outcome of ['paused', 'interrupted', 'complete', 'stopped', 'failed']) {
      expect(commandsFor(`debate.${outcome}`, false), outcome).toEqual(all);
      expect(commandsFor(`debate.${outcome}`, true), outcome).toEqual(['continue', 'branch']);
    }
    // Running: not continued (it is running) nor deleted (the library refuses while it runs).
    expect(commandsFor('debate.running', false)).toEqual(['open', 'branch', 'rename', 'exportMarkdown', 'exportJson', 'revealLinux']);
    expect(commandsFor('debate.running', true)).toEqual(['branch']);
    // Damaged: Open (which says why), its folder, Delete.
    expect(commandsFor('debate.damaged', false)).toEqual(['open', 'revealLinux', 'delete']);
    expect(commandsFor('debate.damaged', true)).toEqual([]);
    expect(commandsFor('debates.group', false)).toEqual([]);
  });

  it('draws the items with codicons that exist', () => {
    for (const outcome of ['running', 'paused', 'interrupted', 'complete', 'stopped', 'failed'] as const) {
      expect(codicon(outcomeIcon(outcome).id), outcome).toBe(true);
    }
    expect(codicon(DAMAGED_ICON.id)).toBe(true);
  });

  it('has the library folder setting, restricted in untrusted workspaces', () => {
    const setting = contributes.configuration.properties['talkingModels.libraryFolder'];
    expect(setting).toMatchObject({ type: 'string', default: '' });
    for (const place of ['~/.local/share/talking-models', '~/Library/Application Support/talking-models', '%LOCALAPPDATA%\\talking-models', 'CLI']) {
      expect(setting?.markdownDescription).toContain(place);
    }
    expect(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations).toContain('talkingModels.libraryFolder');
  });
});
