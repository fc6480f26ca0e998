// The test profile's settings: a quiet workbench pointed at the simulator (user settings),
// keeping its debates in the profile's own library folder (machine settings), never in the
// user's ~/.local/share/talking-models.
import type { TestProfile } from './code-server';

export function profileSettings(ollamaHost: string): Record<string, unknown> {
  return {
    'talkingModels.ollamaHost': ollamaHost,
    'workbench.colorTheme': 'Default Dark Modern',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    // No trust prompt (a modal over the workbench) unless a test asks for it and answers it.
    'security.workspace.trust.enabled': false,
    // No "Get Started" walkthrough or its first-run offer over the workbench (first-run.e2e.test.ts turns it on).
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
  };
}

/**
 * The library folder goes in the machine settings (Machine/settings.json: "Remote" settings in
 * a code-server window), which the server reads itself. In the user settings, once in eight
 * window reloads the extension host read it as unset: the restored panel looked for its debate
 * in ~/.local/share/talking-models.
 */
export function machineSettings(profile: Pick<TestProfile, 'libraryFolder'>): Record<string, unknown> {
  return { 'talkingModels.libraryFolder': profile.libraryFolder };
}
