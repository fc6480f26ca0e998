// Citations of the debate's material in a finished turn's rendered reply, made links that open
// the file at those lines (the host checks the material again before it opens anything). Only
// the reply's own text is read, after sanitising: a citation in running text or alone in an
// inline code span becomes a link (as the markdown export links them); one in a code block or
// inside a link the reply made stays as written. What a link opens lives in its listeners, never
// in attributes, so markup in a reply can't pose as a citation link. Each link shows the cited
// lines, numbered, as text in a card on hover and on focus (its description for screen readers).
import { hasMaterial, type DebateMaterial } from '../../engine/material/material';
import { openableCitations, type CitationTarget } from '../../extension/contract/citation-rules';
import { citedLines, MAX_CARD_LINES } from './citationRules';
import { h } from './dom';
import * as l10n from './l10n';

export type OpenCitation = (target: CitationTarget) => void;

/** Where a citation is never made a link: code blocks, and links the reply made itself. */
const NOT_LINKED = 'pre, a';

let cardsMade = 0;

function openLabel({ path, startLine, endLine }: CitationTarget): string {
  return startLine === endLine ? l10n.t('Open {0} line {1}', path, startLine) : l10n.t('Open {0} lines {1}–{2}', path, startLine, endLine);
}

/** The cited lines as text, each after its number; a long citation shows its first lines and how many follow. */
function hoverCard(material: DebateMaterial, target: CitationTarget, id: string): HTMLElement {
  const lines = citedLines(material, target);
  const rows = lines.slice(0, MAX_CARD_LINES).map(({ line, text, added }) =>
    h('span', { class: added === true ? 'citation-line citation-line-added' : 'citation-line' }, [
      h('span', { class: 'citation-line-number', text: String(line) }),
      h('span', { class: 'citation-line-text', text }),
    ]));
  const more = lines.length - rows.length;
  return h('span', { class: 'citation-card', role: 'tooltip', id, hidden: true }, [
    h('span', { class: 'citation-card-path', text: target.path }),
    ...rows,
    more > 0 && h('span', { class: 'citation-more', text: more === 1 ? l10n.t('1 more line') : l10n.t('{0} more lines', more) }),
  ]);
}

/** `content` (the citation as the reply wrote it) as a link to `target`, with its card. */
function citationLink(content: Node, target: CitationTarget, material: DebateMaterial, open: OpenCitation): HTMLElement {
  cardsMade += 1;
  const card = hoverCard(material, target, `citation-card-${cardsMade}`);
  const link = h('a', { class: 'citation-link', role: 'link', tabindex: 0, 'aria-label': openLabel(target), 'aria-describedby': card.id }, [content]);
  const wrapper = h('span', { class: 'citation' }, [link, card]);
  const show = (): void => {
    card.hidden = false;
  };
  // The card stays while the pointer is on the link or the card, or the link has the focus.
  const hide = (): void => {
    card.hidden = document.activeElement !== link && !wrapper.matches(':hover');
  };
  wrapper.addEventListener('mouseenter', show);
  wrapper.addEventListener('mouseleave', hide);
  link.addEventListener('focus', show);
  link.addEventListener('blur', hide);
  link.addEventListener('click', (event) => {
    event.preventDefault();
    open(target);
  });
  link.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(target);
    } else if (event.key === 'Escape' && !card.hidden) {
      // Closes the card only: the panel's Escape (Stop) waits for a second press.
      event.stopPropagation();
      card.hidden = true;
    }
  });
  return wrapper;
}

const targetOf = ({ path, startLine, endLine }: CitationTarget): CitationTarget => ({ path, startLine, endLine });

/** Whether `node` sits in a code block or a link inside `container`. */
function inNotLinked(node: Node, container: HTMLElement): boolean {
  const holder = node.parentElement?.closest(NOT_LINKED);
  return holder !== null && holder !== undefined && container.contains(holder);
}

/** An inline code span that is one citation and nothing else becomes a link around it. */
function linkCodeSpan(code: HTMLElement, material: DebateMaterial, open: OpenCitation): void {
  const text = code.textContent ?? '';
  const [span, ...others] = openableCitations(text, material);
  if (span === undefined || others.length > 0 || span.start !== 0 || span.end !== text.length) return;
  const { parentNode, nextSibling } = code;
  parentNode?.insertBefore(citationLink(code, targetOf(span), material, open), nextSibling);
}

/** The citations in a text node become links between the text around them. */
function linkTextNode(node: Text, material: DebateMaterial, open: OpenCitation): void {
  const text = node.data;
  const spans = openableCitations(text, material);
  if (spans.length === 0) return;
  const parts: Node[] = [];
  let from = 0;
  for (const span of spans) {
    if (span.start > from) parts.push(document.createTextNode(text.slice(from, span.start)));
    parts.push(citationLink(document.createTextNode(text.slice(span.start, span.end)), targetOf(span), material, open));
    from = span.end;
  }
  if (from < text.length) parts.push(document.createTextNode(text.slice(from)));
  node.replaceWith(...parts);
}

/** One rendered reply: its text nodes outside code and links, then its inline code spans (collected first: linking changes the tree). */
function linkContainer(container: HTMLElement, material: DebateMaterial, open: OpenCitation): void {
  const codeSpans = [...container.querySelectorAll<HTMLElement>('code')].filter((code) => !inNotLinked(code, container));
  const texts: Text[] = [];
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node instanceof Text && !inNotLinked(node, container) && node.parentElement?.closest('code') === null) texts.push(node);
  }
  for (const node of texts) linkTextNode(node, material, open);
  for (const code of codeSpans) linkCodeSpan(code, material, open);
}

/** Makes links of the openable citations in `element`'s rendered replies (its `.markdown` parts); nothing without material. */
export function linkCitations(element: HTMLElement, material: DebateMaterial | undefined, open: OpenCitation): void {
  if (!hasMaterial(material)) return;
  for (const container of element.querySelectorAll<HTMLElement>('.markdown')) linkContainer(container, material, open);
}
