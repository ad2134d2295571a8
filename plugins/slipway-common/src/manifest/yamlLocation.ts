import {
  Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  Node,
} from 'yaml';

/** A line and column in a YAML file (1-based). */
export interface Position {
  line: number;
  column: number;
}

function positionOf(node: unknown, lines: LineCounter): Position | undefined {
  const range = (node as Node | undefined)?.range;
  if (!range) return undefined;
  const { line, col } = lines.linePos(range[0]);
  return { line, column: col };
}

/**
 * Finds where a field is in the YAML source. `key: true` points at the key of the last path segment (for unknown
 * fields); otherwise at its value. A path that does not exist (a missing field) points at the nearest parent.
 */
export function locate(
  doc: Document,
  lines: LineCounter,
  path: ReadonlyArray<PropertyKey>,
  options: { key?: boolean } = {},
): Position | undefined {
  let node: unknown = doc.contents;
  let found = positionOf(node, lines);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        item =>
          isPair(item) &&
          isScalar(item.key) &&
          String(item.key.value) === String(segment),
      );
      if (!pair) return found;
      const isLast = i === path.length - 1;
      if (isLast && options.key) return positionOf(pair.key, lines) ?? found;
      node = pair.value;
      found =
        positionOf(pair.value, lines) ?? positionOf(pair.key, lines) ?? found;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return found;
      found = positionOf(node, lines) ?? found;
    } else {
      return found;
    }
  }
  return found;
}

/** The text of a scalar as written in the file (`1.10`, where the parsed number would be 1.1). */
export function sourceText(
  doc: Document,
  path: ReadonlyArray<PropertyKey>,
): string | undefined {
  const node = doc.getIn(path as unknown[], true);
  return isScalar(node) && typeof node.source === 'string'
    ? node.source
    : undefined;
}
