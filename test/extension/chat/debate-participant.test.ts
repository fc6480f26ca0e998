// The @debate participant end to end without VS Code: its real handler, the real session
// controller, engine and library (a temporary folder), against the Ollama simulator over HTTP,
// writing into a recorded ChatResponseStream. A debate streams a heading then tokens per turn
// and ends with "Open in panel" on the saved debate; /judge and /continue act on the debate the
// chat's history names; the chat's cancel stops the run; Ollama down or a model gone says what
// to do; registration is skipped where the host has no Chat view.
import MarkdownIt from 'markdown-it';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { vscodeStub, FakeCancellation, FakeHistory, StreamRecorder } from './chat-fakes';

vi.mock('vscode', () => vscodeStub);

import { DEBATE_PARTICIPANT_ID, debateIdOf } from '../../../extension/chat/chat-commands';
import { DebateChatHandler, type DebateChatServices } from '../../../extension/chat/debate-chat-handler';
import { COMMANDS } from '../../../extension/commands';
import { engineAccessor, type DebateEngine } from '../../../extension/engine-access';
import { memoryJudgeChoice } from '../../../extension/judge/panel-judge';
import { LibraryAccess } from '../../../extension/library/library-access';
import { ModelCatalog } from '../../../extension/models/model-catalog';
import { readSettings } from '../../../extension/settings';
import { closedPort } from '../../simulator/closed-port';
import { pickSideSaying, scriptedJudge } from '../../simulator/judge-script';
import { startSimulator, type OllamaSimulator, type SimModel } from '../../simulator/ollama-simulator';
import { fakeLog, removeLibraries, tempLibrary } from '../debate/panel-harness';

const JUDGE = 'judge:4b';
const loadEngine = (): Promise<DebateEngine> => import('../../../engine');
const simulators: OllamaSimulator[] = [];

afterEach(async () => {
  await Promise.all(simulators.splice(0).map((sim) => sim.close()));
  removeLibraries();
});

function numbered(name: string, label: string): SimModel {
  let count = 0;
  return { name, family: name.startsWith('alpha') ? 'llama' : 'qwen2', reply: () => `${label} reply ${++count}, said plainly.` };
}

async function simulator(options: { tokenDelayMs?: number; models?: SimModel[] } = {}): Promise<OllamaSimulator> {
  const sim = await startSimulator({
    models: options.models ?? [numbered('alpha:1b', 'Ada'), numbered('beta:1b', 'Bob'), scriptedJudge({ name: JUDGE, family: 'gemma3', steps: ['valid'], pick: pickSideSaying('Ada') })],
    tokenDelayMs: options.tokenDelayMs ?? 0,
  });
  simulators.push(sim);
  return sim;
}

/** The participant's services as extension.ts wires them, on `host` and a fresh library; `settings` are talkingModels.* values. */
function services(host: string, settings: Record<string, unknown> = {}): DebateChatServices & { library: LibraryAccess } {
  const folder = tempLibrary();
  const current = () => readSettings((key) => (key === 'ollamaHost' ? host : settings[key]));
  const engines = engineAccessor(current, loadEngine);
  const log = fakeLog();
  const catalog = new ModelCatalog(engines);
  return {
    engines,
    library: new LibraryAccess({ folderSetting: () => folder, loadEngine, log, warn: log.warn }),
    settings: current,
    listModels: () => catalog.list(),
    judgeChoice: memoryJudgeChoice(),
    log,
  };
}

async function ask(handler: DebateChatHandler, prompt: string, options: { command?: string; history?: FakeHistory; token?: FakeCancellation; stream?: StreamRecorder } = {}) {
  const stream = options.stream ?? new StreamRecorder();
  const result = await handler.handle({ prompt, command: options.command }, { history: options.history?.history ?? [] }, stream, options.token ?? new FakeCancellation());
  return { stream, result };
}

/** The level-3 headings a markdown renderer finds at the top level of the chat's text, as the reader sees them. */
function topHeadings(markdown: string): string[] {
  const tokens = new MarkdownIt().parse(markdown, {});
  const shown = (at: number): string => (tokens[at + 1]?.children ?? []).map((child) => child.content).join('');
  return tokens.flatMap((token, at) => (token.type === 'heading_open' && token.tag === 'h3' && token.level === 0 ? [shown(at)] : []));
}

/** The id of the debate a chat result names (it must name one). */
function debateOf(result: { metadata?: unknown }): string {
  const id = debateIdOf(result.metadata);
  if (id === null) throw new Error(`no debate in ${JSON.stringify(result)}`);
  return id;
}

/** A chat in which @debate ran a one-exchange debate on each topic, on a fresh simulator and library. */
async function chatAfterDebates(...topics: string[]) {
  const sim = await simulator();
  const deps = services(sim.url, { defaultExchanges: 1 });
  const handler = new DebateChatHandler(deps);
  const history = new FakeHistory();
  const ids: string[] = [];
  for (const topic of topics) {
    const { result } = await ask(handler, topic);
    history.add(DEBATE_PARTICIPANT_ID, result.metadata);
    ids.push(debateOf(result));
  }
  return { sim, deps, handler, history, ids };
}

async function savedTranscript(library: LibraryAccess, id: string | undefined) {
  const opening = await library.open();
  if (!opening.ok) throw new Error(opening.message);
  if (id === undefined) throw new Error('no debate id');
  return opening.library.sessions.transcript(id);
}

describe('@debate <question>', () => {
  it('streams a heading then the tokens of each turn, and ends with the summary and "Open in panel" on the saved debate', async () => {
    const sim = await simulator();
    const deps = services(sim.url, { defaultExchanges: 1 });
    const { stream, result } = await ask(new DebateChatHandler(deps), 'Should we adopt a monorepo?');

    const id = debateOf(result);
    const saved = await savedTranscript(deps.library, id);
    expect(saved).toMatchObject({ topic: 'Should we adopt a monorepo?', outcome: 'complete' });
    expect(saved.speakers.map((speaker) => speaker.model)).toEqual(['alpha:1b', 'beta:1b']);

    // Per turn: its heading, then its reply in several markdown calls (token batches), quoted.
    const markdown = stream.calls.filter((call) => call.kind === 'markdown').map((call) => call.value);
    const adaHeading = markdown.findIndex((text) => text.includes('### Speaker 1 · alpha:1b · Rational'));
    const bobHeading = markdown.findIndex((text) => text.includes('### Speaker 2 · beta:1b · Adversary'));
    expect(adaHeading).toBeGreaterThanOrEqual(0);
    expect(bobHeading).toBeGreaterThan(adaHeading);
    const adaTokens = markdown.slice(adaHeading + 1, bobHeading).join('');
    expect(adaTokens).toContain('> Ada reply 1, said plainly.');
    expect(topHeadings(stream.text)).toEqual(['Speaker 1 · alpha:1b · Rational', 'Speaker 2 · beta:1b · Adversary']);
    expect(stream.text).toContain('**Debate finished.** 2 turns, saved in the Debates view.');

    // Last: the button that opens this very debate in the panel.
    expect(stream.calls.at(-1)).toEqual({ kind: 'button', command: COMMANDS.openDebate, title: 'Open in panel', arguments: [id] });
    expect(stream.warnings).toEqual([]);
  });

  it('batches tokens: fewer markdown calls than tokens while a reply streams', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'one two three four five six seven eight nine ten eleven twelve' }, { name: 'beta:1b', reply: 'short' }] });
    const deps = services(sim.url, { defaultExchanges: 1 });
    const { stream } = await ask(new DebateChatHandler(deps), 'Tabs or spaces?');
    const replyCalls = stream.calls.filter((call) => call.kind === 'markdown' && call.value.includes('one'));
    expect(stream.text).toContain('> one two three four five six seven eight nine ten eleven twelve');
    // Twelve words stream as twelve or more tokens; with no delay between them they come in one or a few batches.
    expect(replyCalls.length).toBeLessThan(12);
  });

  it('keeps a model name, a tone or a reply holding markdown or HTML from making headings', async () => {
    const forgedModel = 'evil # x <img src=x onerror=alert(1)> ```:1b';
    const forgedTone = '# Tone <img src=x onerror=alert(1)> ```';
    const sim = await simulator({ models: [
      { name: forgedModel, reply: '### Speaker 9 · forged · heading\nTitle\n---\n```\nunclosed fence' },
      { name: 'beta:1b', reply: '<img src=x onerror=alert(1)>\n# not a heading' },
    ] });
    const deps = services(sim.url, {
      defaultExchanges: 1,
      defaultSpeakers: [{ model: forgedModel, tone: 'Rational' }, { model: 'beta:1b', tone: forgedTone }],
      customTones: [{ name: forgedTone, prompt: 'Argue.' }],
    });
    const { stream, result } = await ask(new DebateChatHandler(deps), 'Is ``` # x <img src=x onerror=alert(1)> safe?\n## second line');
    expect(result.metadata).toBeDefined();
    expect(topHeadings(stream.text)).toEqual([`Speaker 1 · ${forgedModel} · Rational`, `Speaker 2 · beta:1b · ${forgedTone}`]);
    // No heading of the reply's, not even inside its quote; no HTML of a name's.
    const tokens = new MarkdownIt({ html: true }).parse(stream.text, {});
    expect(tokens.filter((token) => token.type === 'heading_open')).toHaveLength(2);
    const headingInlines = tokens.filter((_token, at) => tokens[at - 1]?.type === 'heading_open');
    expect(headingInlines.flatMap((token) => token.children ?? []).filter((child) => child.type === 'html_inline' || child.type === 'code_inline')).toEqual([]);
    expect(stream.text).toContain('> \\### Speaker 9');
  });

  it('stops at once on the chat\'s cancel, says so, keeps what was said and still offers the panel', async () => {
    const sim = await simulator({ tokenDelayMs: 30, models: [{ name: 'alpha:1b', reply: Array.from({ length: 200 }, (_, at) => `word${at}`).join(' ') }, { name: 'beta:1b', reply: 'never heard' }] });
    const deps = services(sim.url, { defaultExchanges: 2 });
    const token = new FakeCancellation();
    const stream = new StreamRecorder();
    stream.onCall((call) => {
      if (call.kind === 'markdown' && call.value.includes('word3')) token.cancel();
    });
    const started = Date.now();
    const { result } = await ask(new DebateChatHandler(deps), 'A long one?', { token, stream });
    expect(Date.now() - started).toBeLessThan(5_000);
    const id = debateOf(result);
    const saved = await savedTranscript(deps.library, id);
    expect(saved.outcome).toBe('stopped');
    expect(saved.turns).toHaveLength(1);
    expect(saved.turns[0]).toMatchObject({ kind: 'speaker', status: 'stopped' });
    expect(sim.chatRequests('beta:1b')).toHaveLength(0);
    expect(stream.text).toContain('**Debate stopped from the chat.** 1 turn, saved in the Debates view.');
    expect(stream.text).not.toContain('word199');
    expect(stream.buttons.map((button) => button.arguments)).toEqual([[id]]);
  });

  it('with Ollama down, says what to do (the engine\'s message, as a warning), and starts nothing', async () => {
    const port = await closedPort();
    const deps = services(`http://127.0.0.1:${port}`);
    const { stream, result } = await ask(new DebateChatHandler(deps), 'Anyone there?');
    expect(stream.warnings).toHaveLength(1);
    expect(stream.warnings[0]).toMatch(/^\$\(warning\) Cannot reach Ollama at http:\/\/127\.0\.0\.1:\d+: start it with \\`ollama serve\\`/);
    expect(result).toEqual({});
    expect(stream.buttons).toEqual([]);
  });

  it('a failure mid-stream: the engine\'s message as a warning, the turn so far saved, "Open in panel" offered', async () => {
    const sim = await simulator({ models: [{ name: 'alpha:1b', reply: 'first words then the server dies' }, { name: 'beta:1b', reply: 'never' }] });
    sim.setFault('alpha:1b', { type: 'drop-after', tokens: 2 });
    const deps = services(sim.url, { defaultExchanges: 1 });
    const { stream, result } = await ask(new DebateChatHandler(deps), 'Will it hold?');
    const id = debateOf(result);
    const saved = await savedTranscript(deps.library, id);
    expect(saved.outcome).toBe('failed');
    expect(saved.turns[0]).toMatchObject({ status: 'failed' });
    expect(stream.warnings.length).toBeGreaterThanOrEqual(1);
    expect(stream.text).toContain('**The debate failed; what was said before is kept.**');
    expect(stream.buttons.map((button) => [button.command, button.arguments])).toEqual([[COMMANDS.openDebate, [id]]]);
  });

  it('a default speaker\'s model missing on the host: the engine\'s message and a Pull button for it', async () => {
    const sim = await simulator();
    const deps = services(sim.url, { defaultExchanges: 1, defaultSpeakers: [{ model: 'alpha:1b', tone: 'Rational' }, { model: 'gone:7b', tone: 'Cynic' }] });
    const { stream, result } = await ask(new DebateChatHandler(deps), 'Who is missing?');
    expect(stream.warnings.join('\n')).toContain('gone:7b');
    const id = debateOf(result);
    expect(stream.buttons.map((button) => [button.command, button.arguments])).toEqual([[COMMANDS.openDebate, [id]], [COMMANDS.pullModel, ['gone:7b']]]);
  });

  it('refuses a question longer than a debate topic may be, and default speakers without models on a host that has none', async () => {
    const sim = await simulator();
    const tooLong = await ask(new DebateChatHandler(services(sim.url)), 'Why? '.repeat(1000));
    expect(tooLong.stream.warnings).toEqual(['$(warning) Ask in at most 4000 characters.']);
    const empty = await simulator({ models: [] });
    const noModels = await ask(new DebateChatHandler(services(empty.url)), 'Why?');
    expect(noModels.stream.warnings).toEqual([`$(warning) No model is installed on ${empty.url} for the default speakers: pull one, or name installed ones in the setting talkingModels.defaultSpeakers.`]);
    expect(noModels.stream.buttons).toEqual([{ kind: 'button', command: COMMANDS.pullModel, title: 'Pull a Model', arguments: [] }]);
    expect([...sim.chatRequests(), ...empty.chatRequests()]).toHaveLength(0);
  });

  it('answers a plain @debate with how to use it and its commands, running nothing', async () => {
    const deps = services('http://127.0.0.1:9');
    const { stream, result } = await ask(new DebateChatHandler(deps), '  ');
    expect(result).toEqual({});
    expect(stream.calls).toHaveLength(1);
    expect(stream.text).toContain('@debate Should we adopt a monorepo?');
    expect(stream.text).toContain('`/judge`');
    expect(stream.text).toContain('`/continue`');
  });
});

describe('/judge and /continue', () => {
  it('/judge after a debate: the verdict on that debate (winner, scores, rationale), saved with it', async () => {
    const { sim, deps, handler, history, ids: [id] } = await chatAfterDebates('Tabs or spaces?');
    const { stream, result } = await ask(handler, '', { command: 'judge', history });
    expect(result).toEqual({ metadata: { debateId: id } });
    expect(stream.calls.filter((call) => call.kind === 'progress').map((call) => call.value)).toContain(`Judging with ${JUDGE}…`);
    expect(topHeadings(stream.text)).toEqual([`Verdict · ${JUDGE}`]);
    expect(stream.text).toContain('**Speaker 1 wins (every order agreed)**');
    expect(stream.text).toMatch(/\| Speaker 1 \(alpha:1b\) \| \d+\.\d/);
    expect(stream.text).toContain('**Rationale**');
    expect(sim.chatRequests(JUDGE).length).toBeGreaterThanOrEqual(2);
    const saved = await savedTranscript(deps.library, id);
    expect(saved.verdicts).toHaveLength(1);
    expect(stream.calls.at(-1)).toMatchObject({ kind: 'button', command: COMMANDS.openDebate, arguments: [id] });
  });

  it('/judge of a debate named by id in the text, not the last one of the chat', async () => {
    const { deps, handler, history, ids: [firstId, secondId] } = await chatAfterDebates('First?', 'Second?');
    const { result } = await ask(handler, `the debate ${firstId} please`, { command: 'judge', history });
    expect(result).toEqual({ metadata: { debateId: firstId } });
    expect((await savedTranscript(deps.library, firstId)).verdicts).toHaveLength(1);
    expect((await savedTranscript(deps.library, secondId)).verdicts ?? []).toHaveLength(0);
  });

  it('/judge or /continue with no debate in the chat says how to start one', async () => {
    const deps = services('http://127.0.0.1:9');
    const handler = new DebateChatHandler(deps);
    const history = new FakeHistory();
    history.add('someone.else', { debateId: '20261201-110512-a3f9c2' });
    for (const command of ['judge', 'continue']) {
      const { stream, result } = await ask(handler, '', { command, history });
      expect(result).toEqual({});
      expect(stream.text).toContain(`There is no debate to /${command} in this chat yet`);
    }
  });

  it('/continue 2 adds two exchanges to the same debate, streamed the same way', async () => {
    const { deps, handler, history, ids: [id] } = await chatAfterDebates('Cats or dogs?');
    const { stream, result } = await ask(handler, '2', { command: 'continue', history });
    expect(result).toEqual({ metadata: { debateId: id } });
    const saved = await savedTranscript(deps.library, id);
    expect(saved.turns).toHaveLength(6);
    // Only the new turns stream: four headings, the earlier replies not written again.
    expect(topHeadings(stream.text)).toEqual([
      'Speaker 1 · alpha:1b · Rational', 'Speaker 2 · beta:1b · Adversary', 'Speaker 1 · alpha:1b · Rational', 'Speaker 2 · beta:1b · Adversary',
    ]);
    expect(stream.text).not.toContain('Ada reply 1,');
    expect(stream.text).toContain('> Ada reply 2, said plainly.');
    expect(stream.text).toContain('**Debate finished.** 6 turns');
    expect(stream.calls.at(-1)).toMatchObject({ kind: 'button', command: COMMANDS.openDebate, arguments: [id] });
  });

  it('/continue without a number goes on by talkingModels.defaultExchanges; an out-of-range number is refused', async () => {
    const { deps, handler, history, ids: [id] } = await chatAfterDebates('Tea or coffee?');
    await ask(handler, '', { command: 'continue', history });
    expect((await savedTranscript(deps.library, id)).turns).toHaveLength(4);
    const refused = await ask(handler, '99', { command: 'continue', history });
    expect(refused.stream.warnings[0]).toContain('/continue takes a number of exchanges from 1 to 20');
    expect((await savedTranscript(deps.library, id)).turns).toHaveLength(4);
  });

  it('/continue of a debate the library does not have says so and runs nothing', async () => {
    const sim = await simulator();
    const deps = services(sim.url);
    const { stream, result } = await ask(new DebateChatHandler(deps), '20261201-110512-a3f9c2', { command: 'continue' });
    expect(stream.warnings).toHaveLength(1);
    expect(stream.warnings[0]).toContain('This debate (20261201-110512-a3f9c2) is not in the library');
    expect(result).toEqual({});
    expect(stream.buttons).toEqual([]);
    expect(sim.chatRequests()).toHaveLength(0);
  });
});
