// The webview's strings in the person's display language. The extension writes the bundle VS Code
// loaded (vscode.l10n.bundle) into the document (webview-document.ts); it is taken up here, when
// this module is first evaluated (main.ts imports it first), so even module-level texts are
// translated. Call as `l10n.t('Text with {0}', value)` after `import * as l10n from './l10n'`.
import { useBundle } from '../../extension/contract/l10n';
import { bundleFromAttribute, L10N_BUNDLE_ATTRIBUTE } from '../../extension/contract/l10n-document';

export { t, useBundle } from '../../extension/contract/l10n';

// Typed structurally: the unit tests evaluate this module in Node, where there is no document.
type DocumentLike = { documentElement: { getAttribute(name: string): string | null } };
const page = (globalThis as { document?: DocumentLike }).document;
if (page !== undefined) useBundle(bundleFromAttribute(page.documentElement.getAttribute(L10N_BUNDLE_ATTRIBUTE)));
