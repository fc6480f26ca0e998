// An engine for the extension's tests that list or pull models and run no debate:
// listing, pulling and describing errors are the engine's own (against the
// simulator); every debate and library member refuses, so a test that reaches one
// by mistake fails loudly. Debates run on the real engine (see library.ts).
import { onDiagnostic } from '../../engine/diagnostics';
import { describeOllamaError } from '../../engine/errors';
import { listModels, pullModel, showModel } from '../../engine/ollama-api';
import type { DebateEngine } from '../../extension/engine-access';

function noDebates(): never {
  throw new Error('This test runs no debate.');
}

export function modelsOnlyEngine(): DebateEngine {
  return {
    listModels,
    showModel,
    pullModel,
    describeOllamaError,
    openLibrary: noDebates,
    defaultLibraryFolder: noDebates,
    exportDebateJson: noDebates,
    importDebateJson: noDebates,
    transcriptToMarkdown: noDebates,
    onDiagnostic,
  };
}
