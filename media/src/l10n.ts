// The webview's strings in the person's display language. The extension sends the bundle
// VS Code loaded for it (vscode.l10n.bundle); until then, and for any message the bundle
// lacks, the English message itself is shown. Call as `l10n.t('Text with {0}', value)`
// (after `import * as l10n from './l10n'`) so @vscode/l10n-dev extracts the message.

type Bundle = Readonly<Record<string, string>>;

let bundle: Bundle = {};

/** Uses these translations from now on (messages rendered earlier keep their text). */
export function useBundle(translations: Bundle): void {
  bundle = translations;
}

/** The message in the display language, with {0}, {1}… replaced by the arguments. */
export function t(message: string, ...args: ReadonlyArray<string | number>): string {
  const template = Object.hasOwn(bundle, message) ? bundle[message] : message;
  return template.replace(/\{(\d+)\}/g, (placeholder, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? placeholder : String(value);
  });
}
