/// <reference types="mocha" />
// A debate run through the extension's commands against the Ollama protocol simulator,
// which this suite starts inside the extension host and points the settings at.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startSimulator, type ChatRequestBody, type OllamaSimulator } from '../../simulator/ollama-simulator';
import { closeAllEditors, COMMANDS, updateSetting, waitFor, webviewTabs } from './helpers';

const PIRATE = { name: 'Pirate', prompt: 'You are a pirate captain. Answer in 2-3 sentences and stay in character.' };
const REPLIES = {
  'llama3.2:1b': 'Trains carry more people with less energy than any road.',
  'qwen2.5:0.5b': 'Arr, yet no train sails to my island.',
} as const;
const REQUEST = {
  topic: 'Are trains better than cars?',
  speakers: [
    { model: 'llama3.2:1b', tone: 'Rational' },
    { model: 'qwen2.5:0.5b', tone: PIRATE.name },
  ],
  exchanges: 2,
};

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

function chatBodies(simulator: OllamaSimulator): ChatRequestBody[] {
  return simulator.chatRequests().map((request) => request.body as ChatRequestBody);
}

describe('a debate through the extension', () => {
  let simulator: OllamaSimulator;

  before(async () => {
    simulator = await startSimulator({
      models: Object.entries(REPLIES).map(([name, reply]) => ({ name, reply })),
    });
    await updateSetting('ollamaHost', simulator.url);
    await updateSetting('customTones', [PIRATE]);
  });

  after(async () => {
    await closeAllEditors();
    await updateSetting('ollamaHost', undefined);
    await updateSetting('customTones', undefined);
    await simulator.close();
  });

  it('runs the debate on the configured host: four turns in order, the custom tone as system prompt', async () => {
    await vscode.commands.executeCommand(COMMANDS.startDebate, REQUEST);

    const bodies = chatBodies(simulator);
    assert.deepEqual(
      bodies.map((body) => body.model),
      ['llama3.2:1b', 'qwen2.5:0.5b', 'llama3.2:1b', 'qwen2.5:0.5b'],
    );
    const systemPrompts = bodies.map((body) => body.messages?.find((message) => message.role === 'system')?.content ?? '');
    assert.ok(systemPrompts[1]?.startsWith(PIRATE.prompt), `speaker 2 was told: ${systemPrompts[1]}`);
    assert.ok(!systemPrompts[0]?.includes(PIRATE.prompt), 'speaker 1 has its own tone');
    // The later turns carry the earlier ones as context.
    const lastMessages = bodies[3]?.messages?.map((message) => message.content).join('\n') ?? '';
    assert.ok(lastMessages.includes(REPLIES['llama3.2:1b']) && lastMessages.includes(REQUEST.topic));

    const tab = await waitFor('the debate panel', () => webviewTabs()[0]);
    assert.match(tab.label, /trains/i);
  });

  it('exports the transcript as markdown into the workspace', async () => {
    const file = workspaceFile('trains.md');
    const written = await vscode.commands.executeCommand<string | undefined>(COMMANDS.exportTranscript, file);
    assert.equal(written, file.fsPath);

    const markdown = await readText(file);
    assert.ok(markdown.includes(REQUEST.topic));
    const headings = [...markdown.matchAll(/^## (\d+)\. (Speaker \d)/gm)].map((match) => `${match[1]} ${match[2]}`);
    assert.deepEqual(headings, ['1 Speaker 1', '2 Speaker 2', '3 Speaker 1', '4 Speaker 2']);
    assert.equal(markdown.split(REPLIES['llama3.2:1b']).length - 1, 2);
    assert.equal(markdown.split(REPLIES['qwen2.5:0.5b']).length - 1, 2);
  });

  it('follows a change of the ollamaHost setting to another server', async () => {
    const other = await startSimulator({ models: [{ name: 'llama3.2:1b', reply: 'From the other host.' }] });
    try {
      await updateSetting('ollamaHost', other.url);
      const before = simulator.chatRequests().length;
      await vscode.commands.executeCommand(COMMANDS.startDebate, {
        topic: 'One more?',
        speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }],
        exchanges: 1,
      });
      assert.equal(other.chatRequests().length, 1);
      assert.equal(simulator.chatRequests().length, before);
    } finally {
      await updateSetting('ollamaHost', simulator.url);
      await other.close();
    }
  });

  // Last in the suite: the question stays open (only a person can answer a modal dialog).
  it('does not overwrite an existing file without asking', async () => {
    const file = workspaceFile('keep.md');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('keep me'));
    const exporting = vscode.commands.executeCommand(COMMANDS.exportTranscript, file);
    let settled = false;
    void exporting.then(() => (settled = true), () => (settled = true));
    // While the "Replace?" question waits for an answer, neither the file nor the command moves on.
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 1_500));
    assert.equal(await readText(file), 'keep me');
    assert.equal(settled, false, 'the export finished without asking');
  });
});
