// `npm run l10n:export`: writes l10n/bundle.l10n.json, the English of every message the extension
// (vscode.l10n.t) and the webview (l10n.t) show, for translators to copy into bundle.l10n.<lang>.json.
// @vscode/l10n-dev's extractor knows only `vscode.l10n.t` and `l10n.t` from 'vscode' or
// '@vscode/l10n'; the webview and the extension's VS Code-free modules call `l10n.t` from our own
// `…/l10n` module (same call shape), so such files are analysed as if they imported '@vscode/l10n'.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

/** The folders whose messages the bundle holds (engine/ has no VS Code and stays English). */
export const L10N_SOURCE_FOLDERS = ['extension', 'media/src'];

/** `import * as l10n from './l10n'` (or '../contract/l10n' …): our own l10n module. */
const OWN_L10N_IMPORT = /^import \* as l10n from '(?:\.{1,2}\/)+(?:[\w-]+\/)*l10n';$/mu;
const AS_VSCODE_L10N = "import * as l10n from '@vscode/l10n';\n";

function typeScriptFiles(root, folder) {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .sort()
    .map((name) => join(root, folder, name));
}

/** A file's text as the extractor should see it. */
export function analysableText(contents) {
  return OWN_L10N_IMPORT.test(contents) ? AS_VSCODE_L10N + contents : contents;
}

/** Every message of the sources under `root`, English to English, sorted by message. */
export async function extractMessages(root) {
  const files = L10N_SOURCE_FOLDERS.flatMap((folder) => typeScriptFiles(root, folder));
  const scripts = files.map((file) => ({ contents: analysableText(readFileSync(file, 'utf8')), extension: extname(file) }));
  let bundle;
  try {
    bundle = await getL10nJson(scripts);
  } catch (error) {
    throw new Error(`${await failingFile(root, files, scripts)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return Object.fromEntries(Object.keys(bundle).sort().map((message) => [message, bundle[message]]));
}

/** The first file the extractor refuses (e.g. a message built with `${}`), to say where to look. */
async function failingFile(root, files, scripts) {
  for (const [index, script] of scripts.entries()) {
    try {
      await getL10nJson([script]);
    } catch {
      return relative(root, files[index]);
    }
  }
  return 'a source file';
}

export function bundleText(messages) {
  return `${JSON.stringify(messages, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = process.cwd();
  const messages = await extractMessages(root);
  writeFileSync(join(root, 'l10n/bundle.l10n.json'), bundleText(messages));
  console.log(`l10n/bundle.l10n.json: ${Object.keys(messages).length} messages`);
}
