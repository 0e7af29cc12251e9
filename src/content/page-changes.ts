/**
 * Tells the content script (bootstrap.ts, awake.ts) when the answer to "is this an article?" may have changed without a page
 * load: a single-page site moved to another URL (`history.pushState`, back and forward), or the
 * page brought its signals late — head tags set by a framework, an `<article>` rendered after the
 * content script ran. Observing costs nothing while the page is still: the head is watched all
 * along (it changes rarely), the body only for a few seconds after load and after each move.
 *
 * Every page that is not news runs this (bootstrap.ts), so it starts with as little as it can: in
 * a content script's own world the first use of a Web API costs its setting up there, and
 * observing the head costs about a millisecond in Chromium where observing the document costs
 * next to nothing (docs/ARCHITECTURE.md, "Platform facts"). So while the body is
 * watched, one observer watches the whole document, for the changes that can make an article; the
 * body's watch ends at the first change after its time, when the observer moves to the head — a
 * page that stays still never pays for that — and no timer runs until the page changes.
 */

/** How long after load, or after a move to another URL, the body's changes are watched. */
export const BODY_WATCH_MS = 3000;
/** Changes are gathered for this long before the signals are read again. */
export const RECHECK_AFTER_MS = 200;

/**
 * What can make a page an article: an element added (an `<article>`, a `<meta>`, a JSON-LD
 * `<script>`), a `<meta>`'s property or content, a script's type, a JSON-LD script's text.
 */
const SIGNAL_CHANGES: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributeFilter: ['property', 'content', 'type'],
  characterData: true,
};

export interface PageChangeHooks {
  /** The page moved to another URL in place (not only its #fragment). */
  moved(): void;
  /** Read the page's signals again: something they are made of may have changed. */
  recheck(): void;
}

/** Starts watching; the function returned stops it. */
export function watchPageChanges(hooks: PageChangeHooks): () => void {
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the body stops being watched (a `Date.now()` time: `performance` would be one more Web API to set up), while it is. */
  let bodyWatchEnds: number | undefined;

  const observer = new MutationObserver(() => {
    if (bodyWatchEnds !== undefined && Date.now() > bodyWatchEnds) watch({ body: false });
    recheckTimer ??= setTimeout(() => {
      recheckTimer = undefined;
      hooks.recheck();
    }, RECHECK_AFTER_MS);
  });
  const watch = ({ body }: { body: boolean }) => {
    observer.disconnect();
    bodyWatchEnds = body ? Date.now() + BODY_WATCH_MS : undefined;
    if (body) observer.observe(document, SIGNAL_CHANGES);
    else if (document.head) observer.observe(document.head, SIGNAL_CHANGES);
  };
  watch({ body: true });

  let address = placeOf(location.href);
  const onNavigation = () => {
    const now = placeOf(location.href);
    if (now === address) return;
    address = now;
    hooks.moved();
    watch({ body: true });
  };
  // The Navigation API sees the page's own pushState (Chrome 102+, Firefox 147+); popstate covers
  // back and forward where it is missing.
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  const [events, event] = navigation ? [navigation, 'currententrychange'] : [window, 'popstate'];
  events.addEventListener(event, onNavigation);

  return () => {
    observer.disconnect();
    events.removeEventListener(event, onNavigation);
    clearTimeout(recheckTimer);
  };
}

/** A URL without its fragment: moving to `#section-2` is the same page. */
function placeOf(href: string): string {
  const hash = href.indexOf('#');
  return hash < 0 ? href : href.slice(0, hash);
}
