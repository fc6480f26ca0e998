// The VSIX `npm run package` built carries what the marketplace listing and the walkthrough
// need: the icon package.json names, the changelog, the licence, every walkthrough page; and
// none of the sources. Reads the archive itself (no VS Code needed).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, VSIX } from './support/paths';
import { zipEntryNames } from './support/zip-entries';

const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { icon: string };

describe('the packaged VSIX', () => {
  const entries = zipEntryNames(VSIX);
  const files = entries.filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));

  it('holds the marketplace icon, the changelog, the licence and the readme', () => {
    expect(files).toContain(manifest.icon);
    // vsce stores these under names of its own.
    expect(files).toEqual(expect.arrayContaining(['changelog.md', 'LICENSE.txt', 'readme.md']));
  });

  it('holds every walkthrough page', () => {
    const pages = readdirSync(join(REPO_ROOT, 'media/walkthrough')).filter((name) => name.endsWith('.md'));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(files).toEqual(expect.arrayContaining(pages.map((page) => `media/walkthrough/${page}`)));
  });

  it('holds no sources, tests or scripts', () => {
    expect(files.filter((file) => /^(extension|engine|test|scripts|media\/src)\//u.test(file) || file.endsWith('.ts'))).toEqual([]);
  });
});
