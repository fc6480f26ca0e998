// The command ids, as contributed in package.json. No VS Code import, so tests running
// anywhere (the e2e suite inside the extension host included) can share them.

/** The Debates view (extension/library/register.ts) and the commands on its items. */
export const DEBATES_VIEW_ID = 'talkingModels.debates';

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

export const COMMANDS = {
  startDebate: 'talkingModels.startDebate',
  stopDebate: 'talkingModels.stopDebate',
  exportTranscript: 'talkingModels.exportTranscript',
  pullModel: 'talkingModels.pullModel',
  ...LIBRARY_COMMANDS,
} as const;
