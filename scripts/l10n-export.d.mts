// Types of l10n-export.mjs (a plain script, run by `npm run l10n:export` without a compiler).
export declare const L10N_SOURCE_FOLDERS: readonly string[];
/** A file's text as the extractor should see it (own `…/l10n` imports read as '@vscode/l10n'). */
export declare function analysableText(contents: string): string;
/** Every message of the sources under `root`, English to English, sorted by message. */
export declare function extractMessages(root: string): Promise<Record<string, string>>;
export declare function bundleText(messages: Record<string, string>): string;
