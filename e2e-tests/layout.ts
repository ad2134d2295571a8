import { expect, Locator } from '@playwright/test';

/**
 * Every word in the element is laid out on one line: none is split across two ("Checko ut API", "R ea dy"). Reads the
 * layout, not the styles: each whitespace-separated word of each visible text node (a hyphen may end a line, and a
 * `<wbr>` splits a token into separate text nodes) must have all its boxes on one line.
 */
export async function expectWholeWords(element: Locator) {
  await expect(element).toBeVisible();
  const { checked, broken } = await element.evaluate(root => {
    const found: string[] = [];
    let words = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const match of text.matchAll(/[^\s-]+-?/g)) {
        const at = match.index ?? 0;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + match[0].length);
        const boxes = [...range.getClientRects()].filter(r => r.width > 0);
        if (boxes.length === 0) continue; // not rendered (hidden, or a tooltip's text)
        words++;
        const bottoms = boxes.map(r => r.bottom);
        if (Math.max(...bottoms) - Math.min(...bottoms) > 4) {
          // Say where it broke: the word with a | at each line end.
          const parts: string[] = [];
          let start = 0;
          let bottom = boxes[0].bottom;
          for (let i = 1; i < match[0].length; i++) {
            const char = document.createRange();
            char.setStart(node, at + i);
            char.setEnd(node, at + i + 1);
            const box = char.getBoundingClientRect();
            if (box.width > 0 && Math.abs(box.bottom - bottom) > 4) {
              parts.push(match[0].slice(start, i));
              start = i;
              bottom = box.bottom;
            }
          }
          parts.push(match[0].slice(start));
          found.push(`"${parts.join('|')}" in "${text.trim()}"`);
        }
      }
    }
    return { checked: words, broken: found };
  });
  expect(checked, 'words laid out in the element').toBeGreaterThan(0);
  expect(broken, 'words broken across lines').toEqual([]);
}

/** The page does not scroll sideways: nothing is wider than the window. */
export async function expectNoSidewaysScroll(element: Locator) {
  const page = element.page();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(
    scrollWidth,
    'the page is no wider than the window',
  ).toBeLessThanOrEqual(clientWidth);
  const box = await element.boundingBox();
  expect(box, 'the element is laid out').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(clientWidth);
}
