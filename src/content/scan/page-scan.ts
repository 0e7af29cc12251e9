/**
 * The scan of one page, whole: it finds the mentions (PageScanner), paints them
 * (HighlightPainter), and keeps them true while the page changes its text (MutationWatch) or
 * shows and hides it (VisibilityWatch), in its open shadow roots too. The content script builds
 * its session on it (main.ts), and the benchmark measures exactly this (tests/bench/in-page.ts).
 * Everything it starts ends with `signal`.
 */
import type { Matcher } from '../../core/matcher';
import type { Settings } from '../../core/settings';
import { HighlightPainter } from '../highlights';
import { MentionIndex, isConnected } from '../mentions';
import { MutationWatch } from './mutation-watch';
import { PageScanner, type ScanStats } from './page-scanner';
import { afterNextPaint } from './scheduling';
import { blockAround, skippingElement } from './text-walker';
import { VisibilityWatch } from './visibility-watch';

export interface PageScanOptions {
  matcher: Matcher;
  highlight: Settings['highlight'];
  /** The extension's own nodes (the card's host): never scanned. */
  isOwnNode: (node: unknown) => boolean;
  signal: AbortSignal;
}

export class PageScan {
  readonly mentions = new MentionIndex();
  readonly painter: HighlightPainter;
  readonly shadowRoots = new Set<ShadowRoot>();
  /** What the last scan read and cost, once it settled (the popup shows it): its slices and the last paint. */
  lastScan: ScanStats = { textNodes: 0, milliseconds: 0 };

  readonly #scanner: PageScanner;
  readonly #mutations: MutationWatch;
  readonly #visibility: VisibilityWatch;
  readonly #settledListeners: Array<(stats: ScanStats) => void> = [];
  readonly #isOwnNode: (node: unknown) => boolean;
  readonly #signal: AbortSignal;
  #firstOnly: boolean;

  constructor({ matcher, highlight, isOwnNode, signal }: PageScanOptions) {
    this.#isOwnNode = isOwnNode;
    this.#signal = signal;
    this.#firstOnly = highlight.firstOnly;
    this.painter = new HighlightPainter(signal);
    this.painter.configure(highlight);
    this.#visibility = new VisibilityWatch((roots) => this.rescan(roots), signal);
    this.#mutations = new MutationWatch(
      {
        isOwnNode,
        removed: () => {
          this.mentions.removeWhere((mention) => !isConnected(mention));
          this.#visibility.forgetRemoved();
        },
        changed: (roots) => this.rescan(roots),
      },
      signal,
    );
    this.#scanner = new PageScanner(matcher, this.mentions, this.#scannerHooks(), signal);
    this.mentions.subscribe({
      added: (mention) => {
        this.painter.added(mention);
        const block = blockAround(mention.ranges[0]!.startContainer);
        if (block instanceof Element) this.#visibility.watchShown(block);
      },
      removed: (mention) => this.painter.remove(mention),
    });
  }

  /** Scans the page, and follows its changes from now on. */
  start(): void {
    this.#mutations.observe(document);
    this.scanPage();
  }

  /** Calls `listener` each time the scan settles: every root asked for has been scanned. */
  onSettled(listener: (stats: ScanStats) => void): void {
    this.#settledListeners.push(listener);
  }

  /** Scans the whole page again, the blocks the reader sees first. */
  scanPage(): void {
    const root = document.body ?? document.documentElement;
    if (document.hidden) return this.#scanner.scan(root); // nothing is in view
    // Finding the blocks in view reads their boxes (once the sieve's pass is done), which forces a
    // layout if one is due: the scan starts after a paint, so that it is not the one to force the
    // page's first layout, and the sieve's pass, short on most pages, ends before the page has
    // changed much. A rescan follows a repaint of the highlights, which makes one due.
    void afterNextPaint().then(() => {
      if (!this.#signal.aborted) this.#scanner.scan(root, { inViewFirst: true });
    });
  }

  /**
   * Scans these roots again, where they are scanned at all, each with its block: an inline
   * element shown or hidden (a `<span hidden>`) can join or split a mention across its edge. One
   * inside a `hidden` element is watched instead: the page may show it later, with the text it
   * changed meanwhile.
   */
  rescan(roots: Node[]): void {
    for (const root of roots) {
      if (!root.isConnected || this.#isOwnNode(root)) continue;
      const skipping = skippingElement(root);
      if (skipping === null) this.#scanner.scan(blockAround(root));
      else {
        const hidden = skipping.closest('[hidden]');
        if (hidden) this.#visibility.watchHidden(hidden);
      }
    }
  }

  /** Other topics: every mention is found again with `matcher`. */
  setMatcher(matcher: Matcher): void {
    this.#scanner.setMatcher(matcher);
    this.scanPage();
  }

  /** Another highlight style: what is painted is painted again. */
  setHighlight(highlight: Settings['highlight']): void {
    this.#firstOnly = highlight.firstOnly;
    this.painter.configure(highlight);
    this.painter.repaint(this.mentions.inDocumentOrder());
  }

  #scannerHooks() {
    return {
      isOwnElement: (element: Element) => this.#isOwnNode(element),
      foundShadowRoot: (root: ShadowRoot) => {
        if (this.shadowRoots.has(root)) return;
        this.shadowRoots.add(root);
        this.#mutations.observe(root);
      },
      foundHidden: (element: Element) => this.#visibility.watchHidden(element),
      styleFound: () => this.painter.styleFound(),
      showFound: () => this.painter.paintFound(),
      settled: (stats: ScanStats) => {
        const started = performance.now();
        this.painter.paintFound();
        this.painter.ensureRegistered();
        // Only "first mention only" needs the order; a sort on every change would cost pages that churn.
        if (this.#firstOnly) this.painter.repaint(this.mentions.inDocumentOrder());
        this.lastScan = { ...stats, milliseconds: stats.milliseconds + performance.now() - started };
        for (const listener of this.#settledListeners) listener(this.lastScan);
      },
    };
  }
}
