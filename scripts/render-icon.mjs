// Renders the marketplace icon (package.json "icon") from its SVG source with the same headless
// Chromium the tests use: `node scripts/render-icon.mjs` after editing media/icons/talking-models.svg,
// then commit both. The PNG is 128x128 with a transparent background outside the rounded tile.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ICON_SIZE = 128;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'media/icons/talking-models.svg');
const target = join(root, 'media/icons/talking-models.png');

const svg = readFileSync(source, 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: ICON_SIZE, height: ICON_SIZE }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  writeFileSync(target, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE } }));
  console.log(`Wrote ${target}`);
} finally {
  await browser.close();
}
