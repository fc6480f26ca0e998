// Extension-host streaming cost: the real panel controller runs a 20-turn,
// ~20,000-token debate through the real engine and a library in a temporary folder
// against the simulator (in a child process, so its CPU is not counted here), one
// token per millisecond. Prints, for the second turn (the first warms the JIT up) and
// the last: the messages and bytes posted to the webview per token, and the host's CPU
// time per token (the library's record and turn in progress written as it goes
// included). The target: flat cost per token as the transcript grows (last/first <= 1.5).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostMessage } from '../../extension/contract/protocol';
import { DebatePanel, type PanelEnvironment } from '../../extension/debate/panel';
import type { DebateLibraryAccess } from '../../extension/debate/session-controller';
import { engineAccessor, type DebateEngine, type LibraryServices } from '../../extension/engine-access';
import { ModelCatalog } from '../../extension/models/model-catalog';
import { ModelPulls } from '../../extension/models/pulls';
import { readSettings } from '../../extension/settings';
import { startRemoteSimulator } from './remote-simulator';

const EXCHANGES = 10;
const TOKENS_PER_TURN = 1000;
const TARGET_RATIO = 1.5;

interface TurnCost {
  tokens: number;
  messages: number;
  bytes: number;
  cpuMicros: number;
}

const reply = Array.from({ length: TOKENS_PER_TURN }, (_, i) => (i % 12 === 11 ? 'point.' : `word${i % 97}`)).join(' ');

async function main(): Promise<void> {
  const simulator = await startRemoteSimulator({
    models: [
      { name: 'alpha:1b', reply },
      { name: 'beta:1b', reply },
    ],
    tokenDelayMs: 1,
  });
  const libraryFolder = mkdtempSync(join(tmpdir(), 'talking-models-bench-'));
  try {
    const turns: TurnCost[] = [];
    let current: TurnCost | null = null;
    let cpuAtTurnStart = process.cpuUsage();

    const post = (message: HostMessage): void => {
      // What crosses to the webview: postMessage serialises about this much.
      const bytes = Buffer.byteLength(JSON.stringify(message));
      if (message.type === 'debate-event' && message.event.type === 'turn-start') {
        current = { tokens: 0, messages: 0, bytes: 0, cpuMicros: 0 };
        cpuAtTurnStart = process.cpuUsage();
      }
      if (current === null) return;
      if (message.type === 'debate-event' && message.event.type === 'token') {
        current.messages += 1;
        current.bytes += bytes;
      }
      if (message.type === 'debate-event' && message.event.type === 'turn-end' && message.event.turn.kind === 'speaker') {
        const used = process.cpuUsage(cpuAtTurnStart);
        current.cpuMicros = used.user + used.system;
        current.tokens = message.event.turn.metrics.tokens;
        turns.push(current);
        current = null;
      }
    };
    const settings = () => readSettings((key) => (key === 'ollamaHost' ? simulator.url : undefined));
    const log: PanelEnvironment['log'] = { info: () => undefined, warn: () => undefined, error: (message) => console.error(message) };
    const loadEngine = (): Promise<DebateEngine> => import('../../engine');
    const engines = engineAccessor(settings, loadEngine);
    const catalog = new ModelCatalog(engines);
    let opened: LibraryServices | null = null;
    const library: DebateLibraryAccess = {
      open: async () => {
        const engine = await loadEngine();
        opened ??= engine.openLibrary(libraryFolder, { app: 'VS Code' });
        return { ok: true, library: opened, engine };
      },
      changed: () => undefined,
    };
    const environment: PanelEnvironment = {
      post,
      log,
      settings,
      openSettings: () => undefined,
      exportTranscript: async () => undefined,
      openExport: async () => undefined,
      setTitle: () => undefined,
      openDebate: async () => undefined,
      branchDebate: async () => undefined,
      openCitation: async () => undefined,
    };
    const controller = new DebatePanel(environment, { engines, library, catalog, pulls: new ModelPulls(engines, catalog, log) });
    await controller.receive({
      type: 'start',
      request: {
        topic: 'Should cities ban cars from their centres?',
        speakers: [
          { model: 'alpha:1b', tone: 'Rational' },
          { model: 'beta:1b', tone: 'Adversary' },
        ],
        exchanges: EXCHANGES,
      },
    });
    controller.dispose();

    const first = turns[1];
    const last = turns.at(-1);
    if (first === undefined || last === undefined || turns.length !== EXCHANGES * 2) {
      throw new Error(`expected ${EXCHANGES * 2} turns, got ${turns.length}`);
    }
    const totalTokens = turns.reduce((sum, turn) => sum + turn.tokens, 0);
    const perToken = (turn: TurnCost) => ({
      bytes: turn.bytes / turn.tokens,
      messages: turn.messages / turn.tokens,
      cpu: turn.cpuMicros / turn.tokens,
    });
    const a = perToken(first);
    const b = perToken(last);
    const cpuRatio = b.cpu / a.cpu;
    const bytesRatio = b.bytes / a.bytes;
    const debateFolder = join(libraryFolder, readdirSync(libraryFolder)[0] ?? '');
    const libraryBytes = readdirSync(debateFolder).reduce((sum, name) => sum + statSync(join(debateFolder, name)).size, 0);
    console.log(`panel host: ${turns.length} turns, ${totalTokens} tokens, load average ${(await import('node:os')).loadavg()[0]?.toFixed(2)}`);
    console.log(`  turn 2:     ${a.bytes.toFixed(1)} bytes/token posted, ${a.messages.toFixed(3)} messages/token, ${a.cpu.toFixed(1)} µs CPU/token`);
    console.log(`  turn ${turns.length}:    ${b.bytes.toFixed(1)} bytes/token posted, ${b.messages.toFixed(3)} messages/token, ${b.cpu.toFixed(1)} µs CPU/token`);
    console.log(`  last/second: bytes ${bytesRatio.toFixed(2)}x, CPU ${cpuRatio.toFixed(2)}x (target <= ${TARGET_RATIO}x)`);
    console.log(`  library record: ${(libraryBytes / 1024).toFixed(0)} KiB on disk for the debate`);
    if (bytesRatio > TARGET_RATIO || cpuRatio > TARGET_RATIO) console.log('  ABOVE TARGET');
  } finally {
    await simulator.close();
    rmSync(libraryFolder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
