/**
 * The card lives in a closed shadow root that no page script can read. Tests read it the way
 * assistive technology does: through the browser's accessibility tree (`session.accessibilityTree`).
 */

/** The open card as { name, text } (name: its accessible name; text: all its text, in order), or null. */
export async function readCard(session, page) {
  const tree = await session.accessibilityTree(page);
  const dialog = find(tree, (node) => node.role === 'dialog');
  if (!dialog) return null;
  const texts = [];
  collect(dialog, texts);
  return { name: dialog.name, text: texts.join(' ').replace(/\s+/g, ' ') };
}

/** The accessible name of the focused node and whether it is inside the card. */
export async function focusedNode(session, page) {
  const tree = await session.accessibilityTree(page);
  const path = [];
  const walk = (node, ancestors) => {
    if (node.focused) path.push(...ancestors, node);
    for (const child of node.children ?? []) walk(child, [...ancestors, node]);
  };
  walk(tree, []);
  const focused = path.at(-1);
  return focused ? { role: focused.role, name: focused.name, inCard: path.some((n) => n.role === 'dialog') } : null;
}

export async function waitForCard(session, page, { open = true, timeout = 3000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const card = await readCard(session, page);
    if (Boolean(card) === open || Date.now() > deadline) return card;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function find(node, test) {
  if (!node) return null;
  if (test(node)) return node;
  for (const child of node.children ?? []) {
    const found = find(child, test);
    if (found) return found;
  }
  return null;
}

function collect(node, texts) {
  if ((node.role === 'StaticText' || node.role === 'text') && node.name) texts.push(node.name);
  for (const child of node.children ?? []) collect(child, texts);
}
