// The material section in the real panel (Chromium, production CSP): material a command attached
// is listed above the set-up (each excerpt's path:start-end and lines, or the diff's kind, files
// and lines) with its size against the speakers' smallest context window; its preview shows the
// exact lines as text, even lines that look like HTML; it can be removed; the start request
// carries it; the engine's refusal for its size shows in the banner with the form and the
// material left as they were; a reload keeps it; the folded set-up names it. Then the rules.
import { describe, expect, it } from 'vitest';
import type { DebateError } from '../../engine/types';
import { debateRequestSchema, type AttachedMaterial, type DebateRequest, type HostMessage } from '../../extension/contract/protocol';
import { fitText, materialFit, materialParts, materialSummary, partDetail, readSavedMaterial } from '../../media/src/materialSectionRules';
import { init, runEnd, runStart } from './fixtures';
import type { PanelPage } from './harness';
import { useCheckedPanels } from './more-panels';

const onPanel = useCheckedPanels();

const HOSTILE = [
  'const a = 1;',
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=2">',
].join('\n');

const ATTACHED: AttachedMaterial = {
  material: { excerpts: [{ path: 'src/app.ts', startLine: 10, endLine: 12, text: HOSTILE }] },
  tokens: 120,
  minWindow: 400,
  defaultWindow: 8192,
};

const DIFF_ATTACHED: AttachedMaterial = {
  material: { diff: { kind: 'staged', text: 'diff --git a/a.ts b/a.ts\n--- a/a.ts\n+++ b/a.ts\n@@ -1 +1 @@\n-a\n+b\ndiff --git a/b.ts b/b.ts\n--- a/b.ts\n+++ b/b.ts\n@@ -1 +1 @@\n-c\n+d\n' } },
  tokens: 60,
  minWindow: 300,
  defaultWindow: 8192,
};

const SAVED: AttachedMaterial = { ...ATTACHED, material: { excerpts: [{ path: 'src/app.ts', startLine: 10, endLine: 12, text: 'a\nb\nc' }] } };

const TOPIC = 'Review of src/app.ts lines 10–12: what should change?';

function withMaterial(attached: AttachedMaterial = ATTACHED): HostMessage {
  return init({ form: { topic: TOPIC, speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }], exchanges: 2 }, material: attached, topicSuggested: true });
}

/** Starts with Ctrl+Enter and returns the request as the host reads it (it would refuse anything else). */
async function startRequest(panel: PanelPage): Promise<DebateRequest> {
  await panel.clearPosted();
  await panel.page.keyboard.press('Control+Enter');
  const start = await panel.waitForPosted((message) => message.type === 'start');
  return debateRequestSchema.parse((start as { request: unknown }).request);
}

const section = ({ page }: PanelPage) => page.getByRole('region', { name: 'Material' });

describe('the material section', () => {
  it('lists the excerpt with its size, focuses the suggested topic selected, and previews the lines as text only', () => onPanel({ width: 900, height: 1200 }, async (panel) => {
    const { page } = panel;
    await panel.send(withMaterial());
    await expect.poll(() => section(panel).isVisible()).toBe(true);
    expect(await section(panel).locator('.material-parts li').allInnerTexts()).toEqual(['src/app.ts:10-12 · 3 lines']);
    expect(await page.locator('#material-estimate').innerText()).toBe(
      'About 120 tokens: fits the smallest context window, Speaker 1\'s 8,192 tokens (the material needs a window of 400 or more).',
    );
    // The topic has the focus with the suggestion selected: typing replaces it.
    await expect.poll(() => page.evaluate('document.activeElement.id')).toBe('topic');
    await page.keyboard.type('Is this loop correct?');
    expect(await page.locator('#topic').inputValue()).toBe('Is this loop correct?');

    const preview = section(panel).locator('details');
    expect(await preview.getAttribute('open')).toBeNull();
    await section(panel).getByText('Preview the lines sent').click();
    const text = section(panel).locator('pre');
    await expect.poll(() => text.isVisible()).toBe(true);
    expect(await text.evaluate((element) => element.textContent)).toBe(
      '10  const a = 1;\n11  <script>window.__pwned = 1</script>\n12  <img src=x onerror="window.__pwned=2">',
    );
    expect(await section(panel).locator('script, img').count()).toBe(0);
  }));

  it('sends the material with the start request, and not once removed (by keyboard), the removal kept as state', () => onPanel({}, async (panel) => {
    const { page } = panel;
    await panel.send(withMaterial());
    expect((await startRequest(panel)).material).toEqual(ATTACHED.material);
    expect(await panel.savedState()).toMatchObject({ material: ATTACHED });

    const remove = section(panel).getByRole('button', { name: 'Remove the material' });
    await remove.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => section(panel).count()).toBe(0);
    // The focus goes to the topic, not to nowhere.
    expect(await page.evaluate('document.activeElement.id')).toBe('topic');
    expect(await startRequest(panel)).not.toHaveProperty('material');
    expect(await panel.savedState()).not.toHaveProperty('material');
  }));

  it('shows a diff by its kind, files and lines, and warns when a speaker\'s window is too small', () => onPanel({}, async (panel) => {
    await panel.send(init({ material: { ...DIFF_ATTACHED, minWindow: 5000 }, form: { topic: 'T', speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic', name: 'Bo', contextSize: 4096 }], exchanges: 1 } }));
    await expect.poll(() => section(panel).isVisible()).toBe(true);
    expect(await section(panel).locator('.material-parts li').allInnerTexts()).toEqual(['Staged changes · 2 files: a.ts, b.ts · 12 lines']);
    const estimate = panel.page.locator('#material-estimate');
    expect(await estimate.innerText()).toBe(
      'About 60 tokens: too large for Bo\'s context window of 4,096 tokens (it needs 5,000 or more). Start will be refused: send fewer lines, or raise that speaker\'s context window in More.',
    );
    expect(await estimate.evaluate((element) => element.classList.contains('material-too-large'))).toBe(true);
    expect((await startRequest(panel)).material).toEqual(DIFF_ATTACHED.material);
  }));

  it('shows the engine\'s refusal for its size in the banner, the form and the material left as they were', () => onPanel({}, async (panel) => {
    const { page } = panel;
    await panel.send(withMaterial());
    await page.locator('#topic').fill('Is this loop correct?');
    await startRequest(panel);
    const refusal: DebateError = {
      kind: 'invalid-config', field: 'material',
      message: 'The material is about 9,000 tokens, more than the 2,867 it may take of Speaker 1\'s context window of 8,192 tokens; it is not cut. Send fewer lines (a range, e.g. path:START-END).',
    };
    await panel.send(
      runStart('Is this loop correct?', 2),
      { type: 'debate-event', event: { type: 'error', error: refusal } },
      runEnd([], 'failed'),
      { type: 'status', status: 'failed' },
    );
    const banner = page.getByRole('alert');
    await expect.poll(() => banner.innerText()).toContain('The material is about 9,000 tokens');
    expect(await page.locator('#topic').isVisible()).toBe(true);
    expect(await page.locator('#topic').inputValue()).toBe('Is this loop correct?');
    expect(await section(panel).isVisible()).toBe(true);
    expect((await startRequest(panel)).material).toEqual(ATTACHED.material);
  }));

  it('is kept by a reload (saved with the form) and named in the folded set-up of a started debate', () => onPanel({
    // (Benign lines here: the test page writes the saved state into an inline script, which a "</script>" would end.)
    savedState: { form: { topic: TOPIC, speakers: [{ model: 'llama3.2:1b', tone: 'Rational' }, { model: 'qwen2.5:7b', tone: 'Cynic' }], exchanges: 2 }, material: SAVED },
  }, async (panel) => {
    const { page } = panel;
    // A new host after the reload: its snapshot has no material; the saved form and material win, and the topic is not taken over.
    await panel.send(init());
    await expect.poll(() => section(panel).isVisible()).toBe(true);
    expect(await section(panel).locator('.material-parts li').allInnerTexts()).toEqual(['src/app.ts:10-12 · 3 lines']);
    expect(await page.evaluate('document.activeElement.id')).not.toBe('topic');
    expect((await startRequest(panel)).material).toEqual(SAVED.material);
    await panel.send(runStart(TOPIC, 2));
    const summary = page.locator('.setup-summary-text');
    await expect.poll(() => summary.innerText()).toBe(`${TOPIC} · llama3.2:1b (Rational), qwen2.5:7b (Cynic) · 2 exchanges · material: src/app.ts:10-12`);
  }));
});

describe('the rules', () => {
  it('names each part, its lines and a diff\'s files', () => {
    const [excerpt] = materialParts(ATTACHED.material);
    expect(excerpt).toMatchObject({ kind: 'excerpt', title: 'src/app.ts:10-12', lines: 3 });
    expect(partDetail(excerpt!)).toBe('3 lines');
    const [diff] = materialParts(DIFF_ATTACHED.material);
    expect(partDetail(diff!)).toBe('2 files: a.ts, b.ts · 12 lines');
    expect(partDetail({ kind: 'diff', title: 'Staged changes', lines: 1, files: ['a.ts'], preview: '' })).toBe('1 file: a.ts · 1 line');
  });

  it('measures against the smallest window among the speakers, a speaker without its own taking the default', () => {
    const speakers = [{ contextSize: 16_384 }, {}, { name: 'Cy', contextSize: 2048 }];
    expect(materialFit(ATTACHED, speakers)).toEqual({ tokens: 120, window: 2048, speaker: 'Cy', minWindow: 400, fits: true });
    expect(materialFit({ ...ATTACHED, minWindow: 9000 }, speakers.slice(0, 2))).toMatchObject({ window: 8192, speaker: 'Speaker 2', fits: false });
    // A window typed but unreadable (NaN) counts as the default.
    expect(materialFit(ATTACHED, [{ contextSize: Number.NaN }])).toMatchObject({ window: 8192, speaker: 'Speaker 1' });
    expect(fitText({ tokens: 1234, window: 2048, speaker: 'Cy', minWindow: 3000, fits: false })).toContain('too large for Cy\'s context window of 2,048 tokens (it needs 3,000 or more)');
  });

  it('sums it up in a few words', () => {
    expect(materialSummary(ATTACHED.material)).toBe('material: src/app.ts:10-12');
    expect(materialSummary({ excerpts: [...ATTACHED.material.excerpts!, ...ATTACHED.material.excerpts!], diff: { kind: 'working-tree', text: 'diff --git a/x b/x\n' } })).toBe(
      'material: 2 excerpts, uncommitted changes, 1 file',
    );
    expect(materialSummary(DIFF_ATTACHED.material)).toBe('material: staged changes, 2 files');
  });

  it('reads material saved by an earlier page, and nothing unusable', () => {
    expect(readSavedMaterial(JSON.parse(JSON.stringify(ATTACHED)))).toEqual(ATTACHED);
    expect(readSavedMaterial(DIFF_ATTACHED)).toEqual(DIFF_ATTACHED);
    for (const broken of [null, 'x', { ...ATTACHED, tokens: '1' }, { ...ATTACHED, material: {} }, { ...ATTACHED, material: { excerpts: [{ path: 1 }] } },
      { ...ATTACHED, material: { diff: { kind: 'both', text: '' } } }]) {
      expect(readSavedMaterial(broken)).toBeNull();
    }
  });
});
