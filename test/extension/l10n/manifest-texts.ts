// Where package.json holds words VS Code shows a person: the fields a manifest localises with
// "%key%" (VS Code's package.nls mechanism), found by walking the manifest.

export interface ManifestText {
  /** E.g. `contributes.commands[3].title`. */
  path: string;
  value: string;
}

/** Fields a person reads, wherever they appear in the parts of the manifest listed below. */
const CONTRIBUTION_FIELDS = new Set([
  'title', 'shortTitle', 'category', 'name', 'fullName', 'contextualTitle', 'contents', 'description', 'markdownDescription',
  'deprecationMessage', 'markdownDeprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions', 'enumItemLabels',
]);

/** Parts of `contributes` whose objects carry such fields (menus and keybindings carry none). */
const CONTRIBUTION_PARTS = ['commands', 'viewsContainers', 'views', 'viewsWelcome', 'walkthroughs', 'configuration', 'chatParticipants'];

/** Fields that are names typed by people rather than words shown to them: a chat participant's and its commands' (`@debate /judge`). */
const IDENTIFIER_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = { chatParticipants: new Set(['name']) };

function texts(value: unknown, path: string, inTextField: boolean, identifiers: ReadonlySet<string> = new Set()): ManifestText[] {
  if (typeof value === 'string') return inTextField ? [{ path, value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => texts(item, `${path}[${index}]`, inTextField, identifiers));
  if (value === null || typeof value !== 'object') return [];
  // A setting's own properties ("name", "prompt"…) hold objects, so only string values under these keys count.
  return Object.entries(value).flatMap(([key, item]) => texts(item, `${path}.${key}`, CONTRIBUTION_FIELDS.has(key) && !identifiers.has(key), identifiers));
}

/** Every text the manifest shows: description, the untrusted-workspace note, and the contributions' fields. */
export function manifestTexts(manifest: Record<string, unknown>): ManifestText[] {
  const contributes = (manifest['contributes'] ?? {}) as Record<string, unknown>;
  const capabilities = (manifest['capabilities'] ?? {}) as { untrustedWorkspaces?: { description?: unknown } };
  return [
    ...texts(manifest['description'], 'description', true),
    ...texts(capabilities.untrustedWorkspaces?.description, 'capabilities.untrustedWorkspaces.description', true),
    ...CONTRIBUTION_PARTS.flatMap((part) => texts(contributes[part], `contributes.${part}`, false, IDENTIFIER_FIELDS[part])),
  ];
}

/** The key of a "%key%" value, else null. */
export function nlsKey(value: string): string | null {
  return /^%([^%\s]+)%$/u.exec(value)?.[1] ?? null;
}
