// The command ids, as contributed in package.json. No VS Code import, so tests running
// anywhere (the e2e suite inside the extension host included) can share them.

/** The Debates view (extension/library/register.ts) and the commands on its items. */
export const DEBATES_VIEW_ID = 'talkingModels.debates';

/** The debate panel's UI as a view in the same container (extension/debate/debate-view-provider.ts). */
export const DEBATE_SIDE_BAR_VIEW_ID = 'talkingModels.debateView';

/** Context keys the view's menus read (package.json `when` clauses). */
export const DEBATES_CONTEXT = {
  /** True while the view shows only the debates matching a filter text. */
  filtered: 'talkingModels.debatesFiltered',
} as const;

export const LIBRARY_COMMANDS = {
  openDebate: 'talkingModels.debates.open',
  continueDebate: 'talkingModels.debates.continue',
  branchDebate: 'talkingModels.debates.branch',
  renameDebate: 'talkingModels.debates.rename',
  exportDebateMarkdown: 'talkingModels.debates.exportMarkdown',
  exportDebateJson: 'talkingModels.debates.exportJson',
  deleteDebate: 'talkingModels.debates.delete',
  judgeDebate: 'talkingModels.debates.judge',
  // One action, titled as each platform names its file manager (menus pick by isWindows/isMac/isLinux).
  revealDebate: 'talkingModels.debates.reveal',
  revealDebateMac: 'talkingModels.debates.revealMac',
  revealDebateLinux: 'talkingModels.debates.revealLinux',
  searchDebates: 'talkingModels.debates.search',
  filterDebates: 'talkingModels.debates.filter',
  clearDebatesFilter: 'talkingModels.debates.clearFilter',
  importDebate: 'talkingModels.debates.import',
  refreshDebates: 'talkingModels.debates.refresh',
} as const;

/** The "Get started with Talking Models" walkthrough (package.json contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'talkingModels.getStarted';

/** Context keys its steps complete on (extension/walkthrough/register.ts sets them). */
export const WALKTHROUGH_CONTEXT = {
  ollamaReachable: 'talkingModels.ollamaReachable',
  ollamaHasModels: 'talkingModels.ollamaHasModels',
} as const;

export const WALKTHROUGH_COMMANDS = {
  openWalkthrough: 'talkingModels.openWalkthrough',
  pullStarterModel: 'talkingModels.pullStarterModel',
  openExampleDebate: 'talkingModels.openExampleDebate',
} as const;

export const COMMANDS = {
  startDebate: 'talkingModels.startDebate',
  startDebateInSideBar: 'talkingModels.startDebateInSideBar',
  stopDebate: 'talkingModels.stopDebate',
  exportTranscript: 'talkingModels.exportTranscript',
  pullModel: 'talkingModels.pullModel',
  ...LIBRARY_COMMANDS,
  ...WALKTHROUGH_COMMANDS,
} as const;
