// Types of build-suite.mjs (a plain script so run-electron.mjs can use it without a compiler).
export declare const SUITE_OUT: string;
/** Bundles the suite; resolves to the path of its entry point (index.js). */
export declare function buildSuite(): Promise<string>;
