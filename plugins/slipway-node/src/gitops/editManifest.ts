import { isMap, parseDocument } from 'yaml';

/**
 * Changes one value of a manifest's YAML text and keeps everything else — comments, order, quoting, flow style —
 * as it was, so that the commit shows exactly the line that changed.
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
  doc.setIn(path, value);
  return doc.toString({ lineWidth: 0 });
}

/** Reads one value of a manifest's YAML text (undefined when absent). @public */
export function getManifestValue(text: string, path: string[]): unknown {
  const doc = parseDocument(text);
  const value = doc.getIn(path);
  return value && typeof value === 'object' && 'toJSON' in value
    ? (value as any).toJSON()
    : value;
}
