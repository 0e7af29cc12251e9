/**
 * Tells the bootstrap when the answer to "is this an article?" may have changed without a page
 * load: a single-page site moved to another URL (`history.pushState`, back and forward), or the
 * page brought its signals late — head tags set by a framework, an `<article>` rendered after the
 * content script ran. Observing costs nothing while the page is still: the head is watched all
 * along (it changes rarely), the body only for a few seconds after load and after each move.
 */

/** How long after load, or after a move to another URL, the body's changes are watched. */
const BODY_WATCH_MS = 3000;
/** Changes are gathered for this long before the signals are read again. */
const RECHECK_AFTER_MS = 200;

export interface PageChangeHooks {
  /** The page moved to another URL in place (not only its #fragment). */
  moved(): void;
  /** Read the page's signals again: something they are made of may have changed. */
  recheck(): void;
}

export function watchPageChanges(hooks: PageChangeHooks, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const recheckSoon = () =>
    (timer ??= setTimeout(() => {
      timer = undefined;
      hooks.recheck();
    }, RECHECK_AFTER_MS));
  const headWatch = new MutationObserver(recheckSoon);
  const bodyWatch = new MutationObserver(recheckSoon);
  let bodyWatchEnds: ReturnType<typeof setTimeout> | undefined;
  const watchBodyForAWhile = () => {
    if (!document.body) return;
    bodyWatch.observe(document.body, { childList: true, subtree: true });
    clearTimeout(bodyWatchEnds);
    bodyWatchEnds = setTimeout(() => bodyWatch.disconnect(), BODY_WATCH_MS);
  };

  if (document.head) headWatch.observe(document.head, { childList: true, subtree: true, attributes: true, characterData: true });
  watchBodyForAWhile();

  let address = placeOf(location.href);
  const onNavigation = () => {
    const now = placeOf(location.href);
    if (now === address) return;
    address = now;
    hooks.moved();
    watchBodyForAWhile();
  };
  // The Navigation API sees the page's own pushState (Chrome 102+, Firefox 147+); popstate covers
  // back and forward where it is missing.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  if (navigation) navigation.addEventListener('currententrychange', onNavigation, { signal });
  else window.addEventListener('popstate', onNavigation, { signal });

  signal.addEventListener('abort', () => {
    headWatch.disconnect();
    bodyWatch.disconnect();
    clearTimeout(timer);
    clearTimeout(bodyWatchEnds);
  });
}

/** A URL without its fragment: moving to `#section-2` is the same page. */
function placeOf(href: string): string {
  const hash = href.indexOf('#');
  return hash < 0 ? href : href.slice(0, hash);
}
