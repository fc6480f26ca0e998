// The command ids, as contributed in package.json. No VS Code import, so tests running
// anywhere (the e2e suite inside the extension host included) can share them.
export const COMMANDS = {
  startDebate: 'talkingModels.startDebate',
  stopDebate: 'talkingModels.stopDebate',
  exportTranscript: 'talkingModels.exportTranscript',
  pullModel: 'talkingModels.pullModel',
} as const;
