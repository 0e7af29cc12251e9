/** Which browser this bundle is built for: a constant that build.mjs (esbuild `define`) writes in. */
declare const BUILD_TARGET: 'chrome' | 'firefox';
