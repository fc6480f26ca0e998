// A speaker's own Ollama host in talkingModels.defaultSpeakers, restricted like
// talkingModels.ollamaHost: in an untrusted workspace it is taken only from the user's
// settings, so a cloned repository can't send a speaker's prompts to its own server. The
// workspace's speakers (models and tones) still apply there, without their hosts.
import { normalizeHost } from '../../engine/host-address';

/** What VS Code's WorkspaceConfiguration.inspect reports for one setting (the scopes read here). */
export interface InspectedSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

function withoutHost(entry: unknown): unknown {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || !('host' in entry)) return entry;
  const { host: _host, ...rest } = entry as Record<string, unknown>;
  return rest;
}

/** Pure: talkingModels.defaultSpeakers as an untrusted workspace may use it: the user's as they are, a workspace's without hosts. */
export function untrustedDefaultSpeakers(inspected: InspectedSetting | undefined): unknown {
  const fromWorkspace = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (fromWorkspace === undefined) return inspected?.globalValue ?? inspected?.defaultValue;
  return Array.isArray(fromWorkspace) ? fromWorkspace.map(withoutHost) : fromWorkspace;
}

/** Pure: a default speaker's host from settings: a valid Ollama address as written (trimmed), else none. */
export function settingsSpeakerHost(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const host = value.trim();
  return host !== '' && normalizeHost(host) !== null ? host : undefined;
}
