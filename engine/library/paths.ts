// Where the debate library lives, and the names of the files in each debate's folder.
// One folder per debate, no separate index: the folders are the index, so an index can never
// disagree with them.
import { join, posix, win32 } from 'node:path';
import { isDebateId } from './ids';

/** Set to a folder to keep the library there instead of the platform's default place. */
export const LIBRARY_ENV = 'TALKING_MODELS_LIBRARY';
const APP_FOLDER = 'talking-models';

/** The debate's summary: small, rewritten atomically. */
export const META_FILE = 'meta.json';
/** LangGraph checkpoints, written by the FileCheckpointer: the only copy of the turns' text. */
export const CHECKPOINTS_FILE = 'checkpoints.jsonl';
/** The turn being streamed, rewritten every ~100 ms and removed at the turn's end. */
export const LIVE_TURN_FILE = 'live-turn.json';
/** Who is writing the debate now (one writer at a time). */
export const LOCK_FILE = 'lock.json';

/** A set, non-empty value of an environment variable. */
function setting(env: NodeJS.ProcessEnv, name: string): string | null {
  const value = env[name];
  return value === undefined || value.trim() === '' ? null : value;
}

/**
 * The library folder: TALKING_MODELS_LIBRARY if set; else the platform's place for user data:
 * Linux and others `$XDG_DATA_HOME/talking-models` (else `~/.local/share/talking-models`),
 * macOS `~/Library/Application Support/talking-models`, Windows `%LOCALAPPDATA%\talking-models`
 * (else `~\AppData\Local\talking-models`). Pure: the CLI and the extension pass their own
 * environment, so both find the same library.
 */
export function defaultLibraryFolder(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  const chosen = setting(env, LIBRARY_ENV);
  if (chosen !== null) return chosen;
  if (platform === 'win32') {
    const local = setting(env, 'LOCALAPPDATA');
    return local !== null ? win32.join(local, APP_FOLDER) : win32.join(home, 'AppData', 'Local', APP_FOLDER);
  }
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', APP_FOLDER);
  const xdg = setting(env, 'XDG_DATA_HOME');
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  return xdg !== null && posix.isAbsolute(xdg) ? posix.join(xdg, APP_FOLDER) : posix.join(home, '.local', 'share', APP_FOLDER);
}

/** The folder of debate `id`. Throws for anything that is not a debate id, so no id can name a path outside the library. */
export function debateFolder(library: string, id: string): string {
  if (!isDebateId(id)) throw new Error(`not a debate id: ${JSON.stringify(id)}`);
  return join(library, id);
}
