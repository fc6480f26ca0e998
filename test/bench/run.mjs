// `npm run bench`: bundles every test/bench/*.bench.ts with esbuild (Node, CommonJS)
// and runs each in its own Node process, one after the other, so they never compete
// for the CPU they measure. To add a benchmark, add a `NAME.bench.ts` file that
// prints its figures; nothing else to register. Bundles go to
// node_modules/.cache/talking-models-bench, where `require('esbuild')` and other
// externals still resolve.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const root = resolve(benchDir, '../..');
const outDir = join(root, 'node_modules/.cache/talking-models-bench');
const only = process.argv.slice(2);

const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => only.length === 0 || only.some((name) => file.includes(name)))
  .sort();
if (benches.length === 0) {
  console.error('No test/bench/*.bench.ts matched.');
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const file of benches) {
  const outfile = join(outDir, `${basename(file, '.ts')}.cjs`);
  await esbuild.build({
    entryPoints: [join(benchDir, file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    // esbuild ships a native binary and cannot be bundled; benches may use it to build helpers.
    // playwright-core loads its own files at run time (webview bench drives Chromium).
    external: ['esbuild', 'playwright-core'],
  });
  console.log(`\n=== ${file} ===`);
  const result = spawnSync(process.execPath, ['--enable-source-maps', outfile], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    failed += 1;
    console.error(`${file} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed === 0 ? 0 : 1);
