import { isMap, isScalar, parse, parseDocument, Scalar } from 'yaml';

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

/**
 * Changes one value of a manifest's YAML text and keeps every other character as it was — comments, order, quoting,
 * flow style, line breaks — so that the commit shows exactly the line that changed. When the value does not exist
 * yet, it is added (the file is then re-serialized, which may reformat it).
 *
 * @public
 */
export function setManifestValue(
  text: string,
  path: string[],
  value: string | number | boolean,
): string {
  const doc = parseDocument(text);
  if (doc.errors.length)
    throw new Error(`the manifest is not valid YAML: ${doc.errors[0].message}`);
  if (!isMap(doc.contents))
    throw new Error('the manifest is not a YAML mapping');
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    return `${text.slice(0, start)}${renderScalar(
      value,
      node.type,
    )}${text.slice(end)}`;
  }
  doc.setIn(path, value);
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Reads one value of a manifest's YAML text (undefined when absent). @public */
export function getManifestValue(text: string, path: string[]): unknown {
  const doc = parseDocument(text);
  const value = doc.getIn(path);
  return value && typeof value === 'object' && 'toJSON' in value
    ? (value as any).toJSON()
    : value;
}
