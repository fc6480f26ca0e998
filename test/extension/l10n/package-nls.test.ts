// package.json's texts in every shipped language: each is a %key% of package.nls.json (the product
// name aside), and package.nls.<language>.json translates every key, keeping what programs read
// (command links, `code`, #setting# links, %VARIABLES%).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveNlsKeys } from './english-manifest';
import { manifestTexts, nlsKey } from './manifest-texts';
import { keptPieces, SHIPPED_LANGUAGES, translationProblem, translationProblems } from './translation-rules';

const ROOT = process.cwd();
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as T;

const manifest = readJson<Record<string, unknown>>('package.json');
const english = readJson<Record<string, string>>('package.nls.json');
/** The one text every language shows as it is: the extension's name (its category, its activity bar title). */
const PRODUCT_NAME = 'Talking Models';

describe('package.json texts', () => {
  const texts = manifestTexts(manifest);

  it('are all keyed: no English text left in the manifest but the product name', () => {
    expect(texts.length).toBeGreaterThan(50);
    const unkeyed = texts.filter(({ value }) => nlsKey(value) === null && value !== PRODUCT_NAME);
    expect(unkeyed).toEqual([]);
  });

  it('name keys that package.nls.json has, and package.nls.json has no key the manifest does not use', () => {
    const used = texts.map(({ value }) => nlsKey(value)).filter((key): key is string => key !== null);
    expect(used.filter((key) => !Object.hasOwn(english, key))).toEqual([]);
    expect(Object.keys(english).filter((key) => !used.includes(key))).toEqual([]);
    for (const [key, message] of Object.entries(english)) expect(message.trim(), key).not.toBe('');
  });

  it('read in English as before: the keys resolve to the English texts', () => {
    const resolved = resolveNlsKeys(manifest, english) as { contributes: { commands: Array<{ command: string; title: string }> } };
    expect(resolved.contributes.commands.find((command) => command.command === 'talkingModels.startDebate')?.title).toBe('Start Debate');
    expect(manifestTexts(resolved as Record<string, unknown>).filter(({ value }) => nlsKey(value) !== null)).toEqual([]);
  });
});

describe.each(SHIPPED_LANGUAGES)('package.nls.%s.json', (language) => {
  const translated = readJson<Record<string, string>>(`package.nls.${language}.json`);

  it('translates every key, keeps links, code and placeholders, and adds no key', () => {
    expect(translationProblems(english, translated, language)).toEqual([]);
  });

  it('keeps the walkthrough\'s command links and the settings links exactly', () => {
    for (const key of ['walkthrough.getStarted.installOllama.description', 'viewsWelcome.debates.contents', 'config.contextBudget.markdownDeprecationMessage']) {
      expect(keptPieces(translated[key] ?? ''), key).toEqual(keptPieces(english[key] ?? ''));
      expect(keptPieces(english[key] ?? '').length, key).toBeGreaterThan(0);
    }
  });

  it('names the walkthrough as the status bar tooltip does (the bundle\'s translation of its title)', () => {
    const bundle = readJson<Record<string, string>>(`l10n/bundle.l10n.${language}.json`);
    expect(translated['walkthrough.getStarted.title']).toBe(bundle['Get started with Talking Models']);
    expect(translated['command.openWalkthrough.title']).toBe(bundle['Get Started']);
  });
});

describe('the translation check itself', () => {
  it('finds a missing, an empty, an untranslated and an extra key', () => {
    const source = { a: 'Open Debate', b: 'Pull a Model', c: 'Markdown', d: 'Stop Debate' };
    expect(translationProblems(source, { a: 'Ouvrir le débat', b: ' ', c: 'Markdown', e: 'x' }, 'fr')).toEqual([
      '"b": empty', '"d": missing', '"e": not in the English',
    ]);
    expect(translationProblem('Stop Debate', 'Stop Debate', 'fr')).toBe('left in English');
    expect(translationProblem('Pause', 'Pause', 'fr')).toBeNull();
    expect(translationProblem('Pause', 'Pause', 'zh-cn')).toBe('left in English');
    expect(translationProblem('{0} ({1})', '{0} ({1})', 'zh-cn')).toBeNull();
  });

  it('finds a lost or changed placeholder, command link, code span, setting link and %VARIABLE%', () => {
    expect(translationProblem('Pulling {0} failed: {1}', 'Échec : {1}', 'fr')).toMatch(/^keeps/u);
    expect(translationProblem('Pulling {0}', 'Téléchargement de {1}', 'fr')).toMatch(/^keeps/u);
    expect(translationProblem('[Start](command:talkingModels.startDebate)', '[Lancer](command:talkingModels.stopDebate)', 'fr')).toMatch(/^keeps/u);
    expect(translationProblem('Empty: `Rational`.', 'Vide : `Rationnel`.', 'fr')).toMatch(/^keeps/u);
    expect(translationProblem('See `#talkingModels.ollamaHost#`.', 'Voir `#talkingModels.host#`.', 'fr')).toMatch(/^keeps/u);
    expect(translationProblem('In %LOCALAPPDATA%.', 'Dans %APPDATA%.', 'fr')).toMatch(/^keeps/u);
    expect(translationProblem('Pulling {0} failed: {1}', '拉取 {0} 失败：{1}', 'zh-cn')).toBeNull();
  });
});
