// The translation lookup the webview and the extension's VS Code-free modules share
// (extension/contract/l10n.ts, re-exported as media/src/l10n.ts), and how the bundle travels
// to the webview: an attribute of the document's <html>, read back before the first render.
import { afterEach, describe, expect, it } from 'vitest';
import { t, useBundle } from '../../../media/src/l10n';
import { bundleAttributeValue, bundleFromAttribute, L10N_BUNDLE_ATTRIBUTE } from '../../../extension/contract/l10n-document';
import { webviewDocument } from '../../../extension/webview-document';

afterEach(() => useBundle({}));

describe('l10n.t', () => {
  it('shows the English message, its placeholders filled, while no bundle is used', () => {
    expect(t('Start debate')).toBe('Start debate');
    expect(t('Round {0} of {1} · {2}', 2, 10, 'turn 8 of 60')).toBe('Round 2 of 10 · turn 8 of 60');
  });

  it('shows the bundle\'s translation, with the arguments in the translation\'s order', () => {
    useBundle({ 'Start debate': 'Lancer le débat', '{0} models installed on {1}': '{1} 上已安装 {0} 个模型' });
    expect(t('Start debate')).toBe('Lancer le débat');
    expect(t('{0} models installed on {1}', 3, 'http://gpu:11434')).toBe('http://gpu:11434 上已安装 3 个模型');
  });

  it('falls back to the English message for a message the bundle lacks', () => {
    useBundle({ 'Start debate': 'Lancer le débat' });
    expect(t('Export to Markdown')).toBe('Export to Markdown');
    expect(t('Pull {0}', 'gemma3:4b')).toBe('Pull gemma3:4b');
  });

  it('fills a repeated placeholder each time, keeps one without an argument, and ignores extra arguments', () => {
    expect(t('{0} vs {0}', 'Ada')).toBe('Ada vs Ada');
    expect(t('{0} and {1}', 'Ada')).toBe('Ada and {1}');
    expect(t('Hello', 'unused')).toBe('Hello');
    expect(t('{0}: {1}', 0, '')).toBe('0: ');
  });

  it('does not read an argument\'s own braces as placeholders, nor a key inherited from Object', () => {
    useBundle({ 'Pull {0}': 'Télécharger {0}' });
    expect(t('Pull {0}', '{1}')).toBe('Télécharger {1}');
    expect(t('toString')).toBe('toString');
    expect(t('constructor')).toBe('constructor');
  });
});

describe('the bundle in the webview document', () => {
  const assets = { cspSource: 'https://x.vscode-cdn.net', script: 'https://x/webview.js', styles: 'https://x/webview.css', codicons: 'https://x/codicon.css' };

  it('carries the display language in <html lang> and the bundle in an attribute, escaped, without another script', () => {
    const bundle = { 'Start debate': 'Lancer le "débat" <b> & plus', Topic: 'Sujet' };
    const html = webviewDocument({ ...assets, locale: { language: 'fr', bundle } }, 'N0nce');
    // Double-quoted attribute values: a '>' inside one is text; '"', '<' and '&' are escaped.
    const value = /<html lang="fr" data-l10n-bundle="([^"]*)">/u.exec(html)?.[1] ?? '';
    expect(value).not.toMatch(/<b>/u);
    const unescaped = value.replace(/&quot;/gu, '"').replace(/&lt;/gu, '<').replace(/&amp;/gu, '&');
    expect(bundleFromAttribute(unescaped)).toEqual(bundle);
    expect(html.match(/<script\b/gu)).toHaveLength(1);
  });

  it('says English and carries no bundle when VS Code has none', () => {
    for (const html of [webviewDocument(assets, 'N0nce'), webviewDocument({ ...assets, locale: { language: 'en' } }, 'N0nce')]) {
      expect(/<html[^>]*>/u.exec(html)?.[0]).toBe('<html lang="en">');
    }
    expect(bundleAttributeValue({})).toBeUndefined();
    expect(L10N_BUNDLE_ATTRIBUTE).toBe('data-l10n-bundle');
  });

  it('reads a missing, damaged or wrongly shaped attribute as English, and drops non-text entries', () => {
    for (const value of [null, '', '{not json', '[1,2]', 'null', '"text"']) expect(bundleFromAttribute(value), String(value)).toEqual({});
    expect(bundleFromAttribute('{"Topic":"Sujet","n":3,"o":{}}')).toEqual({ Topic: 'Sujet' });
  });
});
