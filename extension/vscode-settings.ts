// The extension's settings as VS Code holds them now (settings.ts checks each value).
import * as vscode from 'vscode';
import { readSettings, SETTINGS_SECTION, type ExtensionSettings } from './settings';

export function currentSettings(): ExtensionSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return readSettings((key) => configuration.get<unknown>(key));
}
