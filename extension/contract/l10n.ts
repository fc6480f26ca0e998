// Messages in the person's display language, for code that cannot call vscode.l10n itself:
// the webview, and the extension's modules kept free of VS Code (unit-tested without it).
// Each side hands over the bundle VS Code loaded (vscode.l10n.bundle; none for English);
// a message the bundle lacks is shown in English. Call as `l10n.t('Text with {0}', value)`
// after `import * as l10n from '…/l10n'`, so `npm run l10n:export` extracts the message.

type Bundle = Readonly<Record<string, string>>;

let bundle: Bundle = {};

/** Uses these translations from now on (messages rendered earlier keep their text). */
export function useBundle(translations: Bundle): void {
  bundle = translations;
}

/** The message in the display language, with {0}, {1}… replaced by the arguments. */
export function t(message: string, ...args: ReadonlyArray<string | number>): string {
  const template = Object.hasOwn(bundle, message) ? bundle[message]! : message;
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}
