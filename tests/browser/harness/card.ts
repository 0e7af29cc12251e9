/**
 * The card lives in a closed shadow root that no page script can read. Tests read it the way
 * assistive technology does: through the browser's accessibility tree (`session.accessibilityTree`).
 */
import type { Page } from 'puppeteer-core';
import type { AccessibleNode } from './browser-common';
import type { ExtensionSession } from './extension-browser';

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

/** Waits until a card is open (or, with `open: false`, none is), and returns what is there then, at the timeout too. */
export async function waitForCard(
  session: ExtensionSession,
  page: Page,
  { open = true, timeout = 3000 } = {},
): Promise<CardReading | null> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const card = await readCard(session, page);
    if (Boolean(card) === open || Date.now() > deadline) return card;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
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
