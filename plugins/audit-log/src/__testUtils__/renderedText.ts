const ITEM_LAYOUTS = ['flex', 'inline-flex', 'grid', 'inline-grid'];

function isWhitespaceOnly(text: string) {
  return !text.trim();
}

/**
 * The text of an element as a browser shows it, as far as spaces go. `textContent` keeps every space, but in a flex
 * or grid container (Backstage's `StatusOK` and friends are flex) each child element and each run of text is an
 * item of its own, and the spaces at an item's edges are not shown: `<StatusOK>verified <span>2 minutes
 * ago</span></StatusOK>` reads "verified2 minutes ago" on screen. Layout comes from the page's style sheets, which
 * jsdom applies.
 */
export function renderedText(node: Node): string {
  return collapse(textOf(node)).trim();
}

function collapse(text: string) {
  return text.replace(/\s+/g, ' ');
}

function textOf(node: Node): string {
  if (node.nodeType === node.TEXT_NODE) {
    return node.textContent ?? '';
  }
  if (!(node instanceof Element)) {
    return '';
  }
  const display = window.getComputedStyle(node).display;
  if (display === 'none') {
    return '';
  }
  const children = Array.from(node.childNodes);
  if (!ITEM_LAYOUTS.includes(display)) {
    return children.map(textOf).join('');
  }
  const items: string[] = [];
  let textRun = '';
  for (const child of children) {
    if (child.nodeType === child.TEXT_NODE) {
      textRun += child.textContent ?? '';
      continue;
    }
    items.push(textRun, textOf(child));
    textRun = '';
  }
  items.push(textRun);
  return items
    .filter(item => !isWhitespaceOnly(item))
    .map(item => collapse(item).trim())
    .join('');
}
