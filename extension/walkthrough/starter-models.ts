// Which models to suggest as a first pull, from the memory of the machine the editor runs
// on: small enough that two speakers' models, the editor and the system fit at once.

export interface StarterModel {
  /** The tag to pull, e.g. `llama3.2:1b`. */
  model: string;
  /** Download size in bytes, as the Ollama library lists it (rounded). */
  downloadBytes: number;
  /** Who makes it and how large it is, for the picker's description. */
  about: string;
}

const MB = 1_000_000;
const GB = 1_000_000_000;

/** Small chat models from the Ollama library, smallest first. */
export const STARTER_MODELS: readonly StarterModel[] = [
  { model: 'qwen2.5:0.5b', downloadBytes: 398 * MB, about: 'Alibaba Qwen 2.5, 0.5B parameters' },
  { model: 'gemma3:1b', downloadBytes: 815 * MB, about: 'Google Gemma 3, 1B parameters' },
  { model: 'llama3.2:1b', downloadBytes: 1.3 * GB, about: 'Meta Llama 3.2, 1B parameters' },
  { model: 'qwen2.5:3b', downloadBytes: 1.9 * GB, about: 'Alibaba Qwen 2.5, 3B parameters' },
  { model: 'llama3.2:3b', downloadBytes: 2.0 * GB, about: 'Meta Llama 3.2, 3B parameters' },
  { model: 'gemma3:4b', downloadBytes: 3.3 * GB, about: 'Google Gemma 3, 4B parameters' },
  { model: 'qwen2.5:7b', downloadBytes: 4.7 * GB, about: 'Alibaba Qwen 2.5, 7B parameters' },
  { model: 'llama3.1:8b', downloadBytes: 4.9 * GB, about: 'Meta Llama 3.1, 8B parameters' },
  { model: 'gemma3:12b', downloadBytes: 8.1 * GB, about: 'Google Gemma 3, 12B parameters' },
];

/**
 * A model fits when its download is at most a fifth of the memory: a debate keeps two
 * speakers' models loaded, a loaded model takes more than its download, and the editor and
 * the system need about half of the machine.
 */
const MEMORY_PER_DOWNLOAD_BYTE = 5;
/** How many suggestions the picker offers. */
const MAX_SUGGESTIONS = 3;

/** The largest starter models that fit `totalMemoryBytes`, largest first; on a very small machine, the smallest one. */
export function suggestedStarterModels(totalMemoryBytes: number): StarterModel[] {
  const fitting = STARTER_MODELS.filter((starter) => starter.downloadBytes * MEMORY_PER_DOWNLOAD_BYTE <= totalMemoryBytes);
  const smallest = STARTER_MODELS.slice(0, 1);
  return (fitting.length > 0 ? fitting : smallest).slice(-MAX_SUGGESTIONS).reverse();
}

/** A byte count as people read memory and downloads: "398 MB", "1.3 GB", "16 GB". */
export function sizeLabel(bytes: number): string {
  if (bytes < GB) return `${Math.round(bytes / MB)} MB`;
  const gigabytes = bytes / GB;
  return `${gigabytes < 10 ? Math.round(gigabytes * 10) / 10 : Math.round(gigabytes)} GB`;
}

/** Installed memory as it is sold and spoken of, in binary gigabytes: "8 GB", "16 GB". */
export function memoryLabel(bytes: number): string {
  return `${Math.max(1, Math.round(bytes / 2 ** 30))} GB`;
}
