// LangGraph's own conformance suite for checkpoint savers, run twice: once as is,
// and once with every read of a thread going to its file (the in-memory copy
// dropped first), so what is checked is what the log holds, not what memory does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunnableConfig } from '@langchain/core/runnables';
import type { CheckpointListOptions, CheckpointTuple } from '@langchain/langgraph-checkpoint';
import { deltaChannelHistoryTests, validate, type CheckpointSaverTestInitializer } from '@langchain/langgraph-checkpoint-validation';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FileCheckpointer } from '../../engine/library/file-checkpointer';

// The suite calls describe/it/expect as globals (its own CLI runs vitest with globals: true); this repo's config doesn't.
Object.assign(globalThis, { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach });

/** Reads each thread back from its file: forgets the thread before every read that names one. */
class RereadingFileCheckpointer extends FileCheckpointer {
  override getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    this.forgetThreadOf(config);
    return super.getTuple(config);
  }

  override list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    this.forgetThreadOf(config);
    return super.list(config, options);
  }

  private forgetThreadOf(config: RunnableConfig): void {
    const threadId: unknown = config.configurable?.thread_id;
    if (typeof threadId === 'string') this.forget(threadId);
  }
}

function initializer(name: string, Saver: typeof FileCheckpointer): CheckpointSaverTestInitializer<FileCheckpointer> {
  const folders = new Map<FileCheckpointer, string>();
  return {
    checkpointerName: name,
    createCheckpointer() {
      const folder = mkdtempSync(join(tmpdir(), 'tm-checkpoints-'));
      const saver = new Saver({ threadFile: (threadId) => join(folder, encodeURIComponent(threadId), 'checkpoints.jsonl') });
      folders.set(saver, folder);
      return saver;
    },
    destroyCheckpointer(saver) {
      const folder = folders.get(saver);
      if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
      folders.delete(saver);
    },
  };
}

for (const [name, Saver] of [
  ['FileCheckpointer', FileCheckpointer],
  ['FileCheckpointer re-reading its files', RereadingFileCheckpointer],
] as const) {
  validate(initializer(name, Saver));
  // Opt-in in the suite (the method is beta); the debate's transcript may become a DeltaValue channel, which relies on it.
  deltaChannelHistoryTests(initializer(name, Saver));
}
