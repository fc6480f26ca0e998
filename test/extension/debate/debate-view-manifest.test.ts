// The side-bar Debate view and its command as package.json contributes them: a webview view
// in the Talking Models container after the Debates view, hidden until asked for (so the
// Debates view has the side bar to itself until then) and then given most of its height;
// "Start Debate in Side Bar" in the palette and in the Debates view's ⋯ menu.
import { describe, expect, it } from 'vitest';
import { COMMANDS, DEBATE_SIDE_BAR_VIEW_ID, DEBATES_VIEW_ID } from '../../../extension/commands';
import { englishManifest } from '../l10n/english-manifest';

interface ViewContribution {
  id: string;
  name: string;
  type?: string;
  visibility?: string;
  initialSize?: number;
}

interface Manifest {
  contributes: {
    commands: Array<{ command: string; title: string; category?: string }>;
    views: Record<string, ViewContribution[]>;
    menus: Record<string, Array<{ command: string; when?: string; group?: string }>>;
  };
}

const { contributes } = englishManifest<Manifest>();

describe('package.json: the side-bar Debate view', () => {
  it('is a webview view after the Debates view in the same container, hidden until asked for, then taller than it', () => {
    const views = contributes.views.talkingModels ?? [];
    expect(views.map((view) => view.id)).toEqual([DEBATES_VIEW_ID, DEBATE_SIDE_BAR_VIEW_ID]);
    const view = views[1];
    expect(view).toMatchObject({ type: 'webview', name: 'Debate', visibility: 'hidden' });
    // VS Code sizes views by weight, 20 when unset (the Debates view's).
    expect(view?.initialSize).toBeGreaterThan(20);
  });

  it('is opened by "Talking Models: Start Debate in Side Bar", from the palette and the Debates view\'s menu', () => {
    expect(COMMANDS.startDebateInSideBar).toBe('talkingModels.startDebateInSideBar');
    expect(contributes.commands).toContainEqual(
      expect.objectContaining({ command: COMMANDS.startDebateInSideBar, title: 'Start Debate in Side Bar', category: 'Talking Models' }),
    );
    expect(contributes.menus.commandPalette?.some((entry) => entry.command === COMMANDS.startDebateInSideBar)).toBe(false);
    expect(contributes.menus['view/title']).toContainEqual({ command: COMMANDS.startDebateInSideBar, when: `view == ${DEBATES_VIEW_ID}`, group: '1_debates@2' });
    // From the view, a debate can move to an editor panel.
    expect(contributes.menus['view/title']).toContainEqual({ command: COMMANDS.startDebate, when: `view == ${DEBATE_SIDE_BAR_VIEW_ID}`, group: '1_debates@1' });
  });
});
