/** How the scan gives the page its turn: between time slices, and until the page has painted. */

/** Lets the page run before the next slice: `scheduler.yield()` where it exists, else a task. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Waits until the page has painted a frame. `scheduler.yield()` continuations are served before
 * rendering, so a scan that only yielded would show nothing new for as long as it ran (100 ms on a
 * 3 MB article); and after a paint the layout is fresh, so asking where things are costs nothing.
 * A hidden page paints no frame and needs none.
 */
export function afterNextPaint(): Promise<void> {
  if (document.hidden) return yieldToPage();
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100); // a page that is visible but draws no frame
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      setTimeout(resolve, 0); // after the frame's paint, not inside it
    });
  });
}
