// The test profile's user settings: a quiet workbench pointed at the simulator.
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
  };
}
