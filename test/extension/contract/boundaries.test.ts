// The layering the design asks for, checked on the sources: the host<->webview
// contract imports nothing from VS Code (nor from the rest of the extension), and the
// webview imports from the extension only the contract, from the engine only its pure
// vocabulary, formatting, turn order, the closing vote and a verdict's words (pure, no Node
// import: it is bundled for the browser).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(process.cwd());

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROOT, folder, name));
}

/** Every module specifier a file imports or re-exports, resolved against the repository when relative. */
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/g)].map(([, specifier]) =>
    specifier!.startsWith('.') ? relative(ROOT, resolve(file, '..', specifier!)) : specifier!);
}

describe('layers', () => {
  it('keeps the contract free of VS Code and of the rest of the extension', () => {
    const files = sources('extension/contract');
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const specifier of imports(file)) {
        // judge/blind-debate: which speakers a verdict needs (judgedSides); personas/stance and role, text-safety: the
        // per-speaker options' rules; language, host-address: the debate language's and a speaker's host's rules; citations,
        // material/material: which citations of the material may be opened. All pure like the rest (no Node, no I/O).
        const allowed =
          specifier === 'zod' || specifier.startsWith('extension/contract/') ||
          /^engine\/(types|limits|format|turn-order|text-safety|language|host-address|citations|material\/material|judge\/blind-debate|personas\/(stance|role))$/.test(specifier);
        expect(allowed, `${relative(ROOT, file)} imports ${specifier}`).toBe(true);
      }
    }
  });

  it('lets the webview import only the contract and the engine\'s pure vocabulary', () => {
    for (const file of sources('media/src')) {
      for (const specifier of imports(file)) {
        const allowed =
          specifier.startsWith('media/src/') ||
          specifier.startsWith('extension/contract/') ||
          // The outcome section: the vote of the closing statements, and a verdict's words (zod-free, unlike judge/verdict);
          // the More section: limits, stances and roles; Read aloud: plain speech text without reasoning, and turn labels;
          // citation links: the material's types and the cited lines of an excerpt or a diff (material/material, material/diff-lines).
          /^engine\/(types|limits|format|turn-order|closing|text-safety|thinking|turn-labels|language|judge\/verdict-words|personas\/(stance|role)|material\/(material|diff-lines))$/.test(specifier) ||
          ['dompurify', 'markdown-it'].includes(specifier);
        expect(allowed, `${relative(ROOT, file)} imports ${specifier}`).toBe(true);
      }
    }
  });
});
