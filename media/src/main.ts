// Entry point of the debate panel's script (bundled to dist/webview.js).
// First: takes up the translations before any module computes a text (module-level ones included).
import './l10n';
import { App } from './app';
import { vscodeTransport } from './transport';

new App(document.body, vscodeTransport());
