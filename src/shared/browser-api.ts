/**
 * The WebExtension API, promise-based, in every context.
 *
 * Firefox and Chrome 148+ expose `browser`; older Chrome exposes `chrome`, whose MV3 APIs return
 * promises for every call we make. The one difference that matters to us — a promise returned from
 * an `onMessage` listener — is handled in `messages.ts` with `sendResponse`, so the polyfill's
 * 10 KB are not needed at run time; its types (@types/webextension-polyfill) describe both.
 */
import type Browser from 'webextension-polyfill';

type Globals = { browser?: Browser.Browser; chrome?: Browser.Browser };
const globals = globalThis as unknown as Globals;

export const browser: Browser.Browser = (globals.browser ?? globals.chrome)!;
export type { Browser };
