/**
 * The page's schema.org JSON-LD, read once per question: every object node in every block that
 * parses, a few levels deep (`@graph`, arrays, `mainEntity`). A page's broken JSON-LD is its own
 * business; it just says nothing.
 */

const MAX_DEPTH = 4;

/** The elements that hold JSON-LD. */
export const JSON_LD = 'script[type="application/ld+json" i]';

export function jsonLdNodes(doc: Document): Array<Record<string, unknown>> {
  const nodes: Array<Record<string, unknown>> = [];
  for (const script of doc.querySelectorAll(JSON_LD)) {
    try {
      collect(JSON.parse(script.textContent ?? '') as unknown, 0, nodes);
    } catch {
      // Not JSON: no signal.
    }
  }
  return nodes;
}

/** The node's `@type`s, without their vocabulary prefix (`schema:NewsArticle` → `NewsArticle`). */
export function typesOf(node: Record<string, unknown>): string[] {
  return ([] as unknown[])
    .concat(node['@type'] ?? [])
    .filter((type): type is string => typeof type === 'string')
    .map((type) => type.replace(/^.*[/#:]/, ''));
}

function collect(value: unknown, depth: number, nodes: Array<Record<string, unknown>>): void {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, depth + 1, nodes);
    return;
  }
  const node = value as Record<string, unknown>;
  nodes.push(node);
  for (const child of Object.values(node)) if (typeof child === 'object') collect(child, depth + 1, nodes);
}
