// How the extension hands the webview its translations: the bundle as JSON in an attribute of
// the document's <html> element, read before the first render (no script, so the CSP is untouched).

export const L10N_BUNDLE_ATTRIBUTE = 'data-l10n-bundle';

/** The attribute's value for a bundle; none (English) gives nothing to write. */
export function bundleAttributeValue(bundle: Readonly<Record<string, string>> | undefined): string | undefined {
  return bundle === undefined || Object.keys(bundle).length === 0 ? undefined : JSON.stringify(bundle);
}

/** The bundle back from the attribute; a missing or damaged one means English. */
export function bundleFromAttribute(value: string | null): Record<string, string> {
  if (value === null || value === '') return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {};
  }
}
