import {
  Document,
  isCollection,
  isMap,
  isScalar,
  parse,
  parseDocument,
  Scalar,
} from 'yaml';

/** Writes a value as YAML the way the file already writes it: same quotes, plain only when it reads back the same. */
function renderScalar(
  value: string | number | boolean,
  style: Scalar['type'],
): string {
  if (typeof value !== 'string') return String(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  if (
    style !== 'QUOTE_DOUBLE' &&
    !/[:#\s]/.test(value) &&
    parse(value) === value
  )
    return value;
  return JSON.stringify(value);
}

function parseManifestText(text: string) {
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new Error(`the manifest is not valid YAML: ${doc.errors[0].message}`);
  if (!isMap(doc.contents))
    throw new Error('the manifest is not a YAML mapping');
  return doc;
}

/**
 * Applies `change` to the document and writes back only the collection at `within` (the deepest one on the path that
 * exists), keeping every other character of the file — comments, quoting, flow style and its padding — so that the
 * commit shows only the entry that changed. Falls back to writing the whole document when that collection has no
 * place of its own in the text.
 */
function rewriteWithin(
  text: string,
  path: string[],
  change: (doc: Document) => void,
): string {
  const doc = parseManifestText(text);
  let within: unknown = doc.contents;
  for (let depth = path.length - 1; depth > 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true);
    if (isCollection(node)) {
      within = node;
      break;
    }
  }
  change(doc);
  if (!isCollection(within) || !within.range || within === doc.contents)
    return doc.toString({ lineWidth: 0, flowCollectionPadding: true });
  const [start, , end] = within.range;
  const original = text.slice(start, end);
  const column = start - (text.lastIndexOf('\n', start - 1) + 1);
  const alone = new Document();
  alone.contents = within;
  const rendered = alone
    .toString({
      lineWidth: 0,
      flowCollectionPadding: !/^[{[]\S/.test(original),
    })
    .replace(/\n$/, '')
    .split('\n')
    .map((line, i) => (i === 0 || !line ? line : ' '.repeat(column) + line))
    .join('\n');
  return `${text.slice(0, start)}${rendered}${
    original.endsWith('\n') ? '\n' : ''
  }${text.slice(end)}`;
}

/**
 * Changes one value of a manifest's YAML text and keeps every other character as it was — comments, order, quoting,
 * flow style, line breaks — so that the commit shows exactly the line that changed. When the value does not exist
 * yet, it is added to its parent, and only that parent is written anew.
 *
 * @public
 */
export function setManifestValue(
  text: string,
  path: string[],
  value: string | number | boolean,
): string {
  const doc = parseManifestText(text);
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    return `${text.slice(0, start)}${renderScalar(
      value,
      node.type,
    )}${text.slice(end)}`;
  }
  return rewriteWithin(text, path, changed => {
    const added = changed.createNode(value) as Scalar;
    // Quoted by the same rule as a changed value: "2026-12-05T20:00:00Z" must stay a string for every YAML reader.
    if (typeof value === 'string' && renderScalar(value, undefined) !== value)
      added.type = 'QUOTE_DOUBLE';
    changed.setIn(path, added);
  });
}

/** Reads one value of a manifest's YAML text (undefined when absent). @public */
export function getManifestValue(text: string, path: string[]): unknown {
  const doc = parseDocument(text);
  const value = doc.getIn(path);
  return value && typeof value === 'object' && 'toJSON' in value
    ? (value as any).toJSON()
    : value;
}

/**
 * Removes one value from a manifest's YAML text (unchanged when it is absent); only the collection that held it is
 * written anew. @public
 */
export function removeManifestValue(text: string, path: string[]): string {
  const doc = parseManifestText(text);
  if (!doc.hasIn(path)) return text;
  return rewriteWithin(text, path, changed => changed.deleteIn(path));
}
