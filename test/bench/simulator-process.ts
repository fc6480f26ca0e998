// The messages between a benchmark and the Ollama simulator it runs in a child
// process (so the simulator's CPU is not counted as the client's).

import type { SimModel, SimulatorOptions } from '../simulator/ollama-simulator';

/** What crosses the process boundary: replies are fixed text (functions do not serialise). */
export type RemoteSimModel = Omit<SimModel, 'reply'> & { reply?: string };
export type RemoteSimulatorOptions = Omit<SimulatorOptions, 'models' | 'pullableModels'> & { models: RemoteSimModel[] };

/** A recorded /api/chat request's timings; every time is the child's performance.now(). */
export interface ChatTiming {
  id: number;
  model: string | null;
  receivedAt: number;
  firstByteAt: number | null;
  finishedAt: number | null;
  clientClosedAt: number | null;
}

export type ToChild =
  | { type: 'start'; options: RemoteSimulatorOptions }
  | { type: 'chat-timings'; id: number };

export type FromChild =
  /** `timeOrigin` lets the parent put the child's performance.now() times on its own clock. */
  | { type: 'started'; url: string; timeOrigin: number }
  | { type: 'chat-timings'; id: number; timings: ChatTiming[] }
  | { type: 'failed'; message: string };
