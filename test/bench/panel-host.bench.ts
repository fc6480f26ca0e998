// Extension-host streaming cost: the real panel controller runs a 20-turn,
// ~20,000-token debate through the real engine against the simulator (in a
// child process, so its CPU is not counted here), one token per millisecond.
// Prints, for the second turn (the first warms the JIT up) and the last: the
// messages and bytes posted to the webview per token, the host's CPU time per
// token (the live turn written to disk with each batch included), and what each
// throttled snapshot save writes. The target: flat cost per token as the
// transcript grows (last/first <= 1.5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostMessage } from '../../extension/contract/protocol';
import { DebatePanel, type PanelEnvironment } from '../../extension/debate/panel';
import { SnapshotStore } from '../../extension/debate/snapshot-store';
import { engineAccessor } from '../../extension/engine-access';
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
  const storageFolder = mkdtempSync(join(tmpdir(), 'talking-models-bench-'));
  const store = new SnapshotStore(storageFolder);
  try {
    const turns: TurnCost[] = [];
    let current: TurnCost | null = null;
    let cpuAtTurnStart = process.cpuUsage();
    const saves: { bytes: number; micros: number }[] = [];

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
    const engines = engineAccessor(settings, () => import('../../engine'));
    const catalog = new ModelCatalog(engines);
    const environment: PanelEnvironment = {
      post,
      log,
      settings,
      openSettings: () => undefined,
      exportTranscript: async () => undefined,
      // The real store, as in VS Code: serialise and write the file.
      save: (snapshot) => {
        const started = process.cpuUsage();
        store.save('bench', snapshot);
        const used = process.cpuUsage(started);
        const bytes = Buffer.byteLength(JSON.stringify(snapshot));
        saves.push({ bytes, micros: used.user + used.system });
      },
      // Written with every token batch, as in VS Code: part of the CPU per token measured.
      saveLiveTurn: (saved) => store.saveLiveTurn('bench', saved),
      setTitle: () => undefined,
    };
    const controller = new DebatePanel('bench', environment, { engines, catalog, pulls: new ModelPulls(engines, catalog, log) });
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
    const lastSave = saves.at(-1);
    console.log(`panel host: ${turns.length} turns, ${totalTokens} tokens, load average ${(await import('node:os')).loadavg()[0]?.toFixed(2)}`);
    console.log(`  turn 2:     ${a.bytes.toFixed(1)} bytes/token posted, ${a.messages.toFixed(3)} messages/token, ${a.cpu.toFixed(1)} µs CPU/token`);
    console.log(`  turn ${turns.length}:    ${b.bytes.toFixed(1)} bytes/token posted, ${b.messages.toFixed(3)} messages/token, ${b.cpu.toFixed(1)} µs CPU/token`);
    console.log(`  last/second: bytes ${bytesRatio.toFixed(2)}x, CPU ${cpuRatio.toFixed(2)}x (target <= ${TARGET_RATIO}x)`);
    console.log(
      `  snapshot saves: ${saves.length}, last ${lastSave ? (lastSave.bytes / 1024).toFixed(0) : '?'} KiB in ${lastSave ? (lastSave.micros / 1000).toFixed(2) : '?'} ms CPU`,
    );
    if (bytesRatio > TARGET_RATIO || cpuRatio > TARGET_RATIO) console.log('  ABOVE TARGET');
  } finally {
    await simulator.close();
    rmSync(storageFolder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
