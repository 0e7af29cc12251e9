/**
 * The card lives in a closed shadow root that no page script can read. Tests read it the way
 * assistive technology does: through the browser's accessibility tree (`session.accessibilityTree`).
 */
import type { Page } from 'puppeteer-core';
import type { AccessibleNode } from './browser-common';
import type { ExtensionSession } from './extension-browser';
import { poll, waitFor } from './waiting';

export interface CardReading {
  /** Its accessible name. */
  name: string;
  /** All its text, in order. */
  text: string;
}

/** The open card, or null. */
export async function readCard(session: ExtensionSession, page: Page): Promise<CardReading | null> {
  const tree = await session.accessibilityTree(page);
  const dialog = find(tree, (node) => node.role === 'dialog');
  if (!dialog) return null;
  const texts: string[] = [];
  collect(dialog, texts);
  return { name: dialog.name, text: texts.join(' ').replace(/\s+/g, ' ') };
}

/** The role and accessible name of the focused node, and whether it is inside the card. */
export async function focusedNode(session: ExtensionSession, page: Page): Promise<{ role: string; name: string; inCard: boolean } | null> {
  const tree = await session.accessibilityTree(page);
  const path: AccessibleNode[] = [];
  const walk = (node: AccessibleNode, ancestors: AccessibleNode[]) => {
    if (node.focused) path.push(...ancestors, node);
    for (const child of node.children ?? []) walk(child, [...ancestors, node]);
  };
  if (tree) walk(tree, []);
  const focused = path.at(-1);
  return focused ? { role: focused.role, name: focused.name, inCard: path.some((n) => n.role === 'dialog') } : null;
}

/**
 * Moves to the next mention with the extension's keyboard command, as a reader does, and waits
 * until focus is in its card (throws, naming what happened, where the command did not move).
 */
export async function focusNextMentionCard(session: ExtensionSession, page: Page): Promise<void> {
  const reply = await session.runNextMentionCommand(page);
  if ((reply as { result?: { moved?: boolean } })?.result?.moved !== true)
    throw new Error(`The next-mention command did not move: ${JSON.stringify(reply)}`);
  await waitFor(
    () => focusedNode(session, page),
    (node) => node?.role === 'dialog',
    'focus moving into the card',
  );
}

/**
 * Presses Tab and waits until the accessibility tree has focus somewhere else (Firefox's follows
 * focus a moment after it moves); returns the node focused then.
 */
export async function pressTab(session: ExtensionSession, page: Page): Promise<{ role: string; name: string; inCard: boolean } | null> {
  const before = await focusedNode(session, page);
  await page.keyboard.press('Tab');
  return waitFor(
    () => focusedNode(session, page),
    (now) => now?.name !== before?.name || now?.role !== before?.role,
    `focus moving on from "${before?.name ?? 'nothing'}"`,
  );
}

/** Waits until a card is open (or, with `open: false`, none is), and returns what is there then, at the timeout too. */
export async function waitForCard(
  session: ExtensionSession,
  page: Page,
  { open = true, timeout = 3000 } = {},
): Promise<CardReading | null> {
  const { last } = await poll(
    () => readCard(session, page),
    (card) => Boolean(card) === open,
    timeout,
  );
  return last;
}

/** The accessible name of the card's "More" control, in either language. */
export const MORE = '^(More|更多)';

/** Opens the card's "More" as a reader does, with a click on it, and returns the whole card once it shows the rest. */
export async function openMore(session: ExtensionSession, page: Page): Promise<CardReading> {
  const before = await readCard(session, page);
  if (!before) throw new Error('No card is open');
  // In a small viewport the card scrolls before "More" is in it: the reader scrolls it there first.
  const more = await waitFor(
    async () => {
      const rects = await session.cardRects(page, [MORE]);
      const [card, control] = [rects?.card, rects?.parts[0]];
      if (!card || !control) throw new Error('No card with a "More" control is open');
      if (control.y + control.height <= card.y + card.height) return control;
      await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2);
      await page.mouse.wheel({ deltaY: 80 });
      return null;
    },
    (control) => control !== null,
    '"More" scrolled into the card’s view',
    { timeout: 3000 },
  );
  await page.mouse.click(more!.x + more!.width / 2, more!.y + more!.height / 2);
  const card = await waitFor(
    () => readCard(session, page),
    (now) => (now?.text.length ?? 0) > before.text.length * 2,
    '"More" showing the rest of the card',
    { timeout: 3000 },
  );
  return card!;
}

/** What the card's live region says now, as a screen reader would read it ('' when it says nothing or is not there). */
export async function liveRegionText(session: ExtensionSession, page: Page): Promise<string> {
  const region = find(await session.accessibilityTree(page), (node) => node.role === 'status' || node.role === 'statusbar');
  const texts: string[] = [];
  if (region) collect(region, texts);
  return texts.join(' ').replace(/\s+/g, ' ').trim();
}

function find(node: AccessibleNode | null | undefined, test: (node: AccessibleNode) => boolean): AccessibleNode | null {
  if (!node) return null;
  if (test(node)) return node;
  for (const child of node.children ?? []) {
    const found = find(child, test);
    if (found) return found;
  }
  return null;
}

function collect(node: AccessibleNode, texts: string[]): void {
  if ((node.role === 'StaticText' || node.role === 'text') && node.name) texts.push(node.name);
  for (const child of node.children ?? []) collect(child, texts);
}
