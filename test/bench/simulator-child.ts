// Child-process entry: runs the Ollama simulator and answers the parent benchmark
// over Node's IPC channel. Exits when the parent disconnects.

import { startSimulator, type OllamaSimulator } from '../simulator/ollama-simulator';
import type { ChatTiming, FromChild, ToChild } from './simulator-process';

let simulator: OllamaSimulator | null = null;

function send(message: FromChild): void {
  process.send?.(message);
}

function modelOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const model = (body as { model?: unknown }).model;
  return typeof model === 'string' ? model : null;
}

function chatTimings(sim: OllamaSimulator): ChatTiming[] {
  return sim.chatRequests().map((request) => ({
    id: request.id,
    model: modelOf(request.body),
    receivedAt: request.receivedAt,
    firstByteAt: request.firstByteAt,
    finishedAt: request.finishedAt,
    clientClosedAt: request.clientClosedAt,
  }));
}

async function handle(message: ToChild): Promise<void> {
  switch (message.type) {
    case 'start':
      simulator = await startSimulator(message.options);
      send({ type: 'started', url: simulator.url, timeOrigin: performance.timeOrigin });
      break;
    case 'chat-timings':
      if (simulator === null) throw new Error('the simulator is not started');
      send({ type: 'chat-timings', id: message.id, timings: chatTimings(simulator) });
      break;
    default: {
      const unhandled: never = message;
      throw new Error(`Unknown message ${JSON.stringify(unhandled)}`);
    }
  }
}

process.on('message', (message: ToChild) => {
  handle(message).catch((error: unknown) => send({ type: 'failed', message: String(error) }));
});
process.on('disconnect', () => {
  void (simulator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
