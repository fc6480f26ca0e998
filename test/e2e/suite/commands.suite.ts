/// <reference types="mocha" />
// The extension as VS Code sees it: its manifest contributions, activation, and the panel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, COMMANDS, EXTENSION_ID, waitFor, webviewTabs } from './helpers';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

describe('commands and panel', () => {
  after(closeAllEditors);

  it('contributes its commands under the "Talking Models" category and registers them on activation', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    const contributed = (extension.packageJSON as { contributes: { commands: ContributedCommand[] } }).contributes.commands;
    const byId = new Map(contributed.map((command) => [command.command, command]));
    for (const id of Object.values(COMMANDS)) {
      assert.equal(byId.get(id)?.category, 'Talking Models', `${id} is not contributed under the category`);
    }
    assert.equal(byId.get(COMMANDS.startDebate)?.title, 'Start Debate');

    await extension.activate();
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(COMMANDS)) assert.ok(registered.has(id), `${id} is not registered`);
  });

  it('Start Debate opens a webview panel in the editor area, a new one each time', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand(COMMANDS.startDebate);
    const first = await waitFor('a webview tab', () => webviewTabs()[0]);
    assert.equal(first.isActive, true);
    assert.match(first.label, /Talking Models|Debate/i);

    await vscode.commands.executeCommand(COMMANDS.startDebate);
    await waitFor('a second webview tab', () => (webviewTabs().length === 2 ? true : undefined));
  });
});
