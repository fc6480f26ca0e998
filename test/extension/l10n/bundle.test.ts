// The l10n bundle: l10n/bundle.l10n.json is what `npm run l10n:export` extracts from the sources
// now (so it can't go stale), it holds the extension's and the webview's messages, and every
// shipped language translates each message, keeping its {0} placeholders.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysableText, extractMessages, L10N_SOURCE_FOLDERS } from '../../../scripts/l10n-export.mjs';
import { SHIPPED_LANGUAGES, translationProblems } from './translation-rules';

const ROOT = process.cwd();
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;
const english = readJson<Record<string, string>>('l10n/bundle.l10n.json');

/** The l10n modules themselves (their comments show the call). */
const L10N_MODULES = [join('extension', 'contract', 'l10n.ts'), join('media', 'src', 'l10n.ts')];

function sourceFiles(): string[] {
  return L10N_SOURCE_FOLDERS.flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts')).map((name) => join(folder, name)));
}

describe('l10n/bundle.l10n.json', () => {
  let extracted: Record<string, string>;
  beforeAll(async () => {
    extracted = await extractMessages(ROOT);
  }, 120_000);

  it('is what the sources say now (run `npm run l10n:export` after changing a message)', () => {
    expect(english).toEqual(extracted);
  });

  it('holds the extension host\'s messages (vscode.l10n.t and its VS Code-free modules) and the webview\'s', () => {
    expect(Object.keys(extracted).length).toBeGreaterThan(300);
    // vscode.l10n.t in extension/library/register.ts; contract l10n.t in tree-rules.ts and status-rules.ts.
    for (const message of ['Search Debates', 'Today', 'Ollama not reachable', 'Untitled debate']) expect(extracted, message).toHaveProperty([message]);
    // The webview's l10n.t (media/src), module-level texts included.
    for (const message of ['Start debate', 'Topic', 'Speaker {0}', 'Needs an AI moderator: choose one above.', 'Debate finished.']) {
      expect(extracted, message).toHaveProperty([message]);
    }
  });

  it('misses no file: every source that calls l10n.t imports VS Code or the project\'s own l10n module', () => {
    const calling = sourceFiles().filter((file) => /\bl10n\.t\(/u.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(calling.length).toBeGreaterThan(20);
    const unseen = calling.filter((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return !/from 'vscode'/u.test(text) && analysableText(text) === text && !L10N_MODULES.includes(file);
    });
    expect(unseen).toEqual([]);
  });
});

describe('the extraction of the project\'s own l10n module', () => {
  it('reads a webview or contract `import * as l10n from …/l10n` as @vscode/l10n, and leaves other files as they are', () => {
    for (const specifier of ['./l10n', '../contract/l10n', './contract/l10n', '../../extension/contract/l10n']) {
      const text = `import * as l10n from '${specifier}';\nl10n.t('Hello');\n`;
      expect(analysableText(text), specifier).toBe(`import * as l10n from '@vscode/l10n';\n${text}`);
    }
    for (const text of ["import * as vscode from 'vscode';\nvscode.l10n.t('Hi');\n", "import { t } from './l10n';\n", "import * as l10n from './l10n-document';\n"]) {
      expect(analysableText(text)).toBe(text);
    }
  });
});

describe.each(SHIPPED_LANGUAGES)('l10n/bundle.l10n.%s.json', (language) => {
  it('translates every message, keeps its placeholders, and adds none', () => {
    const translated = readJson<Record<string, string>>(`l10n/bundle.l10n.${language}.json`);
    expect(translationProblems(english, translated, language)).toEqual([]);
  });
});
