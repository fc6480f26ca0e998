// Model output is untrusted. It is rendered by markdown-it with raw HTML off (any
// tag shows as text) and links limited to http(s)/mailto, then the HTML is run
// through DOMPurify with an allow-list of the tags markdown produces. Images are
// not rendered: the CSP blocks remote ones, and a broken image helps nobody.
import DOMPurify, { type Config } from 'dompurify';
import MarkdownIt from 'markdown-it';

const SAFE_URL = /^(?:https?:|mailto:)/i;

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.disable(['image']);
markdown.validateLink = (url: string): boolean => SAFE_URL.test(url.trim());

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node instanceof HTMLAnchorElement) {
    node.setAttribute('rel', 'noopener noreferrer');
    node.title = node.href;
  }
});

const PURIFY_CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: [
    'p', 'br', 'hr', 'em', 'strong', 's', 'del', 'code', 'pre', 'blockquote', 'a',
    'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  // No `style`: table alignment would need inline styles, which the CSP forbids.
  ALLOWED_ATTR: ['href', 'title', 'start', 'class'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
  RETURN_DOM_FRAGMENT: true,
};

/** Renders untrusted markdown to sanitised, inert DOM. */
export function renderMarkdown(source: string): DocumentFragment {
  if (source.length === 0) return document.createDocumentFragment();
  return purifier.sanitize(markdown.render(source), PURIFY_CONFIG);
}
