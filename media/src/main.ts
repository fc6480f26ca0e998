// Entry point of the debate panel's script (bundled to dist/webview.js).
import { App } from './app';
import { vscodeTransport } from './transport';

new App(document.body, vscodeTransport());
