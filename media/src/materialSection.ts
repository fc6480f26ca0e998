// The material attached to the form (Debate Selection, This File, Uncommitted Changes), above
// the set-up: each part (path:start-end and its lines, or the diff's kind, files and lines), its
// size in tokens against the chosen speakers' smallest context window, a button that removes it,
// and a folded preview of the exact lines. File content is untrusted: it goes in as text only.
import type { AttachedMaterial } from '../../extension/contract/protocol';
import { h, icon, iconButton } from './dom';
import { fitText, materialFit, materialParts, partDetail } from './materialSectionRules';
import type { SpeakerDraft } from './formRules';
import * as l10n from './l10n';

export interface MaterialSectionEvents {
  remove(): void;
}

const ESTIMATE_ID = 'material-estimate';

export class MaterialSection {
  readonly element: HTMLElement;
  private readonly parts = h('ul', { class: 'material-parts' });
  private readonly estimate = h('div', { id: ESTIMATE_ID, class: 'field-hint material-estimate' });
  private readonly preview = h('div', { class: 'material-preview-body' });
  private readonly details: HTMLDetailsElement;
  private shown: AttachedMaterial | null = null;

  constructor(events: MaterialSectionEvents) {
    const remove = iconButton('close', l10n.t('Remove the material'));
    remove.addEventListener('click', () => events.remove());
    this.details = h('details', { class: 'material-preview' }, [h('summary', { text: l10n.t('Preview the lines sent') }), this.preview]);
    this.element = h('section', { class: 'material', 'aria-labelledby': 'material-heading', 'aria-describedby': ESTIMATE_ID, hidden: true }, [
      h('div', { class: 'section-header' }, [h('h2', { id: 'material-heading' }, [icon('file-code'), l10n.t('Material')]), remove]),
      this.parts,
      this.estimate,
      this.details,
    ]);
  }

  /** Shows `attached` (hidden when null), its estimate against `speakers`' windows. */
  render(attached: AttachedMaterial | null, speakers: readonly SpeakerDraft[]): void {
    this.element.hidden = attached === null;
    if (attached === null) {
      this.shown = null;
      return;
    }
    // The lists are drawn again only for other material (the estimate follows every speaker edit).
    if (attached !== this.shown) {
      this.shown = attached;
      const parts = materialParts(attached.material);
      this.parts.replaceChildren(...parts.map((part) => h('li', {}, [
        icon(part.kind === 'diff' ? 'git-compare' : 'file'),
        h('span', { class: 'material-part-title', text: part.title }),
        h('span', { class: 'material-part-detail', text: ` · ${partDetail(part)}` }),
      ])));
      this.preview.replaceChildren(...parts.map((part) => h('figure', { class: 'material-preview-part' }, [
        h('figcaption', { text: part.title }),
        h('pre', { class: 'material-preview-text', tabindex: 0, 'aria-label': part.title, text: part.preview }),
      ])));
      this.details.open = false;
    }
    const fit = materialFit(attached, speakers);
    this.estimate.classList.toggle('material-too-large', !fit.fits);
    this.estimate.replaceChildren(icon(fit.fits ? 'info' : 'warning'), h('span', { text: fitText(fit) }));
  }
}
