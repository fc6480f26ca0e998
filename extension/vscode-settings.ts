// The extension's settings as VS Code holds them now (settings.ts checks each value).
import * as vscode from 'vscode';
import { readSettings, SETTINGS_SECTION, type ExtensionSettings } from './settings';
import { untrustedDefaultSpeakers } from './models/speaker-host-settings';

export function currentSettings(): ExtensionSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  // A speaker's own host is restricted like ollamaHost (which VS Code restricts through package.json): untrusted, only the user's.
  const trusted = vscode.workspace.isTrusted;
  return readSettings((key) =>
    key === 'defaultSpeakers' && !trusted ? untrustedDefaultSpeakers(configuration.inspect<unknown>(key)) : configuration.get<unknown>(key));
}
