// The walkthrough as package.json contributes it: its steps in order, each with a page that
// exists, completing on the context keys, command and view the extension really has, and
// buttons that run contributed commands.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBATES_VIEW_ID, WALKTHROUGH_COMMANDS, WALKTHROUGH_CONTEXT, WALKTHROUGH_ID } from '../../../extension/commands';
import { englishManifest } from '../l10n/english-manifest';

interface Step {
  id: string;
  title: string;
  description: string;
  media: { markdown?: string };
  completionEvents: string[];
}

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    views: Record<string, Array<{ id: string }>>;
    menus: { commandPalette: Array<{ command: string; when?: string }> };
    walkthroughs: Array<{ id: string; title: string; description: string; steps: Step[] }>;
  };
}

const ROOT = process.cwd();
const { contributes } = englishManifest<Manifest>();
const walkthrough = contributes.walkthroughs.find((candidate) => candidate.id === WALKTHROUGH_ID);
const steps = walkthrough?.steps ?? [];
const step = (id: string): Step => {
  const found = steps.find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no step ${id}`);
  return found;
};
/** The links of a step's description: `[title](target)`. */
const links = (description: string) => [...description.matchAll(/\[([^\]]+)\]\(([^)]+)\)/gu)].map(([, title, target]) => ({ title, target: target ?? '' }));
const contributedCommands = new Set(contributes.commands.map((command) => command.command));
const viewFocusCommands = new Set(Object.values(contributes.views).flat().map((view) => `${view.id}.focus`));

describe('package.json: the Get Started walkthrough', () => {
  it('is titled for a new user and has the four steps in order', () => {
    expect(walkthrough?.title).toBe('Get started with Talking Models');
    expect(steps.map((candidate) => candidate.id)).toEqual(['installOllama', 'pullModel', 'firstDebate', 'debatesView']);
  });

  it('gives every step a markdown page that exists', () => {
    for (const { media } of steps) {
      expect(media.markdown).toMatch(/^media\/walkthrough\/[\w-]+\.md$/u);
      expect(existsSync(join(ROOT, media.markdown ?? ''))).toBe(true);
    }
  });

  it('completes each step on what the extension really sets: the context keys, the example command, the Debates view', () => {
    expect(step('installOllama').completionEvents).toEqual([`onContext:${WALKTHROUGH_CONTEXT.ollamaReachable}`]);
    expect(step('pullModel').completionEvents).toEqual([`onContext:${WALKTHROUGH_CONTEXT.ollamaHasModels}`]);
    expect(step('firstDebate').completionEvents).toContain(`onCommand:${WALKTHROUGH_COMMANDS.openExampleDebate}`);
    expect(step('debatesView').completionEvents).toEqual([`onView:${DEBATES_VIEW_ID}`]);
  });

  it('links the Ollama download and offers a button per step that runs a command the extension has', () => {
    expect(links(step('installOllama').description)).toContainEqual({ title: 'Download Ollama', target: 'https://ollama.com/download' });
    const buttons = { pullModel: WALKTHROUGH_COMMANDS.pullStarterModel, firstDebate: WALKTHROUGH_COMMANDS.openExampleDebate, debatesView: `${DEBATES_VIEW_ID}.focus` };
    for (const [id, command] of Object.entries(buttons)) {
      expect(links(step(id).description).map((link) => link.target)).toContain(`command:${command}`);
    }
    for (const { target } of steps.flatMap((candidate) => links(candidate.description))) {
      if (!target.startsWith('command:')) continue;
      const command = target.slice('command:'.length).split('?')[0] ?? '';
      const known = contributedCommands.has(command) || viewFocusCommands.has(command) || command.startsWith('workbench.action.');
      expect(known, `${target} runs no contributed command`).toBe(true);
    }
  });

  it('contributes its commands under the Talking Models category, in the Command Palette', () => {
    const hidden = new Set(contributes.menus.commandPalette.filter((entry) => entry.when === 'false').map((entry) => entry.command));
    for (const id of Object.values(WALKTHROUGH_COMMANDS)) {
      expect(contributes.commands.find((command) => command.command === id)?.category).toBe('Talking Models');
      expect(hidden.has(id)).toBe(false);
    }
    expect(contributes.commands.find((command) => command.command === WALKTHROUGH_COMMANDS.openWalkthrough)?.title).toBe('Get Started');
  });
});
