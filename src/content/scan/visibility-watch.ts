/**
 * Keeps the mentions true to what the page shows when text is shown or hidden without any change
 * to the text itself — a `hidden` attribute removed, a menu, tab or "Continue reading" opened by a
 * class, a class on `<html>` once the app is ready, a `<details>` opened — none of which a
 * MutationObserver on text and children reports.
 *
 * - Elements whose text was skipped as not rendered are watched for getting (or changing) a box,
 *   with a ResizeObserver: it reports when an element is laid out, which costs the page nothing
 *   while it is not. An inline element (a `<span hidden>`, or one a class hides) has no box it
 *   reports, shown or not (https://drafts.csswg.org/resize-observer/#intro), and its name does not
 *   always say it is inline, so the `hidden`, class and style of every element watched are
 *   watched as well.
 * - Elements that hold mentions are watched for losing their box (display: none), so the counts
 *   follow what is shown.
 * - `<details>` and popovers report opening and closing with `toggle`; and a class or style on
 *   `<html>` or `<body>` can show or hide anything, so that rechecks what was skipped.
 * Observing attributes on the whole document would see more, and cost every page that animates.
 */
export class VisibilityWatch {
  readonly #observer: ResizeObserver;
  /**
   * The attributes that can show or hide anything, those of `<html>` and `<body>`, and those of the
   * elements watched for being shown. An element stays observed once shown (an observer cannot let
   * go of one node), which costs nothing while its attributes are still.
   */
  readonly #attributes: MutationObserver;
  /** For each element watched: its size at the last report ('pending': the first report sets it), and why it is watched. */
  readonly #watched = new Map<Element, { size: string; revealing: boolean; hiding: boolean }>();
  readonly #rescan: (roots: Element[]) => void;

  constructor(rescan: (roots: Element[]) => void, signal: AbortSignal) {
    this.#rescan = rescan;
    this.#observer = new ResizeObserver((entries) => this.#resized(entries));
    this.#attributes = new MutationObserver((records) => this.#attributesChanged(records));
    for (const root of [document.documentElement, document.body]) if (root) this.#observeAttributes(root);
    const toggled = (event: Event) => {
      if (event.target instanceof Element) rescan([event.target]);
    };
    document.addEventListener('toggle', toggled, { capture: true, passive: true, signal });
    document.addEventListener('beforematch', toggled, { capture: true, passive: true, signal }); // hidden="until-found"
    signal.addEventListener('abort', () => {
      this.#observer.disconnect();
      this.#attributes.disconnect();
      this.#watched.clear();
    });
  }

  /** `element` holds text that was skipped because it is not rendered: rescan it when that changes. */
  watchHidden(element: Element): void {
    const watch = this.#watch(element);
    if (!watch) return;
    watch.revealing = true;
    this.#observeAttributes(element); // observing it again only renews the same options
  }

  /** `element` holds painted mentions: rescan it when it stops being rendered. */
  watchShown(element: Element): void {
    const watch = this.#watch(element);
    if (watch) watch.hiding = true;
  }

  /** Stops watching elements that left the page (the page removed or replaced them). */
  forgetRemoved(): void {
    for (const element of this.#watched.keys()) {
      if (element.isConnected) continue;
      this.#observer.unobserve(element);
      this.#watched.delete(element);
    }
  }

  #watch(element: Element): { size: string; revealing: boolean; hiding: boolean } | undefined {
    let watch = this.#watched.get(element);
    if (!watch) {
      // A rendered element is reported once as soon as it is observed: that report is its baseline.
      // One that is not rendered is not reported until it is.
      watch = { size: element.checkVisibility() ? 'pending' : NO_BOX, revealing: false, hiding: false };
      this.#watched.set(element, watch);
      this.#observer.observe(element);
    }
    return watch;
  }

  #observeAttributes(element: Element): void {
    this.#attributes.observe(element, { attributes: true, attributeFilter: ['class', 'style', 'hidden'] });
  }

  #resized(entries: ResizeObserverEntry[]): void {
    const changed: Element[] = [];
    for (const entry of entries) {
      const watch = this.#watched.get(entry.target);
      if (!watch) continue;
      const size = sizeOf(entry);
      const before = watch.size;
      watch.size = size;
      if (before === 'pending' || before === size) continue;
      // Text that was hidden may show now; mentions whose box went are hidden.
      if (watch.revealing || (watch.hiding && size === NO_BOX)) {
        watch.revealing = false; // the rescan says again if something is still hidden
        changed.push(entry.target);
      }
    }
    if (changed.length > 0) this.#rescan(changed);
  }

  /** A change on `<html>` or `<body>` may show anything watched; one on an element watched, that element. */
  #attributesChanged(records: MutationRecord[]): void {
    const changed = new Set(records.map((record) => record.target));
    if (changed.has(document.documentElement) || (document.body && changed.has(document.body))) this.#recheckRevealing();
    else this.#rescanRevealing([...changed].filter((node): node is Element => this.#watched.get(node as Element)?.revealing === true));
  }

  #recheckRevealing(): void {
    this.#rescanRevealing([...this.#watched].filter(([, watch]) => watch.revealing).map(([element]) => element));
  }

  #rescanRevealing(elements: Element[]): void {
    for (const element of elements) this.#watched.get(element)!.revealing = false; // the rescan says again if it is still hidden
    if (elements.length > 0) this.#rescan(elements);
  }
}

const NO_BOX = '0x0';

function sizeOf(entry: ResizeObserverEntry): string {
  const { width, height } = entry.contentRect;
  return `${Math.round(width)}x${Math.round(height)}`;
}
