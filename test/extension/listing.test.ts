// What the marketplace listing needs in package.json: a 128x128 PNG icon, a changelog,
// categories, keywords and a gallery banner. (What the packaged VSIX holds is checked once it is
// built: test/e2e/vsix-contents.e2e.test.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Listing {
  version: string;
  icon: string;
  galleryBanner: { color: string; theme: string };
  categories: string[];
  keywords: string[];
  license: string;
}

const ROOT = process.cwd();
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Listing;
/** The categories the marketplace knows (vsce and the gallery reject others). */
const MARKETPLACE_CATEGORIES = [
  'AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization',
];

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the marketplace listing', () => {
  it('has a 128x128 PNG icon', () => {
    expect(manifest.icon).toMatch(/\.png$/u);
    expect(pngSize(readFileSync(join(ROOT, manifest.icon)))).toEqual({ width: 128, height: 128 });
  });

  it('has a gallery banner, marketplace categories (AI among them) and a few keywords', () => {
    expect(manifest.galleryBanner.color).toMatch(/^#[0-9a-f]{6}$/iu);
    expect(['dark', 'light']).toContain(manifest.galleryBanner.theme);
    expect(manifest.categories).toContain('AI');
    for (const category of manifest.categories) expect(MARKETPLACE_CATEGORIES).toContain(category);
    expect(manifest.keywords).toContain('ollama');
    // The marketplace shows at most 30; keywords are tags, not sentences.
    expect(manifest.keywords.length).toBeLessThanOrEqual(30);
    for (const keyword of manifest.keywords) expect(keyword.split(' ').length).toBeLessThanOrEqual(2);
    expect(new Set(manifest.keywords).size).toBe(manifest.keywords.length);
  });

  it('has a changelog whose newest entry is the manifest version', () => {
    const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    const versions = [...changelog.matchAll(/^## (\d+\.\d+\.\d+)\b/gmu)].map((match) => match[1]);
    expect(versions[0]).toBe(manifest.version);
  });
});
