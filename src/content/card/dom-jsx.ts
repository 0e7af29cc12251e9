/**
 * The JSX runtime of the content script: it builds DOM nodes directly. The card's components
 * (Card.tsx, ui/facts.tsx, ui/StatisticChart.tsx) are pure functions of their props — no state,
 * no hooks — and the card is built whole each time it opens, so a virtual DOM buys nothing there
 * and would be a third of the content script (Preact, 11 KB). Extension pages keep Preact; the
 * same components render in both (build.mjs points the content script's `preact/jsx-runtime` here).
 *
 * It supports what those components use: function components, fragments, `class`, style objects,
 * `aria-*` and other attributes, `tabIndex`, `on*` handlers; `key` is ignored.
 */
type Child = Node | string | number | boolean | null | undefined | Child[];
type Props = Record<string, unknown> & { children?: Child };
type Component = (props: Props) => Child;

export function Fragment(props: Props): Child {
  return props.children;
}

export function jsx(type: string | Component, props: Props): Node {
  if (typeof type === 'function') return toNode(type(props));
  const element = document.createElement(type);
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || name === 'key' || value === undefined || value === null) continue;
    if (name === 'style' && typeof value === 'object') Object.assign(element.style, value);
    else if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (name === 'tabIndex') element.tabIndex = Number(value);
    else if (value === false && !name.startsWith('aria-')) continue;
    else
      element.setAttribute(
        name === 'className' ? 'class' : name,
        value === true ? '' : typeof value === 'number' ? String(value) : (value as string),
      );
  }
  element.append(toNode(props.children));
  return element;
}
export { jsx as jsxs, jsx as jsxDEV };

/** Renders a component with its props to a DOM node (what `h` + `render` are in Preact). */
export function renderToNode<P>(component: (props: P) => unknown, props: P): Node {
  return jsx(component as unknown as Component, props as unknown as Props);
}

function toNode(child: Child): Node {
  if (Array.isArray(child)) {
    const fragment = document.createDocumentFragment();
    for (const item of child) fragment.append(toNode(item));
    return fragment;
  }
  if (typeof child === 'object' && child !== null) return child;
  return document.createTextNode(child === null || child === undefined || typeof child === 'boolean' ? '' : String(child));
}
