import fc from 'fast-check';

/**
 * Requests generated from an OpenAPI document, for a property-based fuzz of every operation. Two kinds, mixed:
 *
 * - `valid`: path, query and body as the schema describes them (enums, patterns, formats, bounds, required
 *   properties), with values the test backend knows now and then, so that requests get past validation and into the
 *   handlers, the engine and the stores;
 * - `hostile`: wrong types, hostile strings, lone surrogates, malformed percent-encoding and JSON, huge and empty
 *   values, unknown, repeated and missing parameters.
 */

export type FuzzRequest = {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Path and query, already encoded (or deliberately mis-encoded). */
  url: string;
  body?: { type: 'json'; value: unknown } | { type: string; text: string };
};

export type FuzzOperation = {
  method: FuzzRequest['method'];
  /** The path template, e.g. `/runs/{id}`. */
  template: string;
  requests: fc.Arbitrary<FuzzRequest>;
};

type Schema = Record<string, any>;
type Mode = 'valid' | 'hostile';

/** Values any string parameter gets now and then: each has broken a parser somewhere. */
const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999',
  '1.5',
  '[]',
  '{}',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '$(id)',
  '%',
  '\uD800',
  '😀',
  'a'.repeat(5000),
  'component:default/',
  'user:default/bob',
  '__proto__',
  'constructor',
];

/** Percent sequences Express cannot decode; sent raw, not encoded again. */
const MALFORMED_ENCODINGS = ['%', '%E0%A4%A', '%zz', '%C0%AF', '%00'];

/** Values the test backend knows, so that valid requests also find something. */
const KNOWN = [
  'restart',
  'promote',
  'dev',
  'prod',
  'component:default/checkout',
  'component:default/shop',
  'user:default/alice',
  'me',
  'succeeded',
  'fuzz-key-0001',
  '00000000-0000-4000-8000-000000000000',
  '2026-01-01T00:00:00.000Z',
  '1.4.2',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
);

/** Encodes a value for a URL; a lone surrogate cannot be encoded, and is sent as a malformed sequence instead. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function resolve(spec: Schema, schema: Schema | undefined): Schema {
  if (schema?.$ref) {
    const path = String(schema.$ref).replace(/^#\//, '').split('/');
    return resolve(
      spec,
      path.reduce((node: any, key) => node?.[key], spec),
    );
  }
  return schema ?? {};
}

function generatedString(
  schema: Schema,
  min: number,
  max: number,
  fits: (value: string) => boolean,
): fc.Arbitrary<string> {
  if (schema.format === 'uuid') {
    return fc.uuid();
  }
  if (schema.format === 'date-time') {
    return fc
      .date({
        min: new Date(2020, 0),
        max: new Date(2030, 0),
        noInvalidDate: true,
      })
      .map(date => date.toISOString());
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  return fc.string({ minLength: min, maxLength: Math.min(max, 40) });
}

/** A string as the schema describes it: a known value that fits, or one generated from its pattern or format. */
function validString(
  schema: Schema,
  samples: string[] = KNOWN,
): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 64;
  const fits = (value: string) =>
    value.length >= min &&
    value.length <= max &&
    (!schema.pattern || new RegExp(schema.pattern, 'u').test(value));
  const known = samples.filter(fits);
  const generated = generatedString(schema, min, max, fits);
  return known.length
    ? fc.oneof(fc.constantFrom(...known), generated)
    : generated;
}

function valueOf(
  spec: Schema,
  raw: Schema,
  mode: Mode,
  depth = 0,
): fc.Arbitrary<unknown> {
  const schema = resolve(spec, raw);
  const variants = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (variants && depth < 4) {
    return fc.oneof(
      ...variants.map((variant: Schema) =>
        valueOf(spec, variant, mode, depth + 1),
      ),
    );
  }
  const valid = validValueOf(spec, schema, mode, depth);
  return mode === 'valid'
    ? valid
    : fc.oneof(
        { weight: 2, arbitrary: valid },
        { weight: 2, arbitrary: hostileString },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
      );
}

function validValueOf(
  spec: Schema,
  schema: Schema,
  mode: Mode,
  depth: number,
): fc.Arbitrary<unknown> {
  if (schema.enum) {
    return fc.constantFrom(...schema.enum);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'integer':
    case 'number':
      return mode === 'valid'
        ? fc.integer({
            min: schema.minimum ?? 0,
            max: Math.min(schema.maximum ?? 1000, 2 ** 31 - 1),
          })
        : fc.oneof(
            fc.integer({ min: -2, max: 1000 }),
            fc.constantFrom(Number.MAX_SAFE_INTEGER, 0.5, 1e300),
          );
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 3
        ? fc.constant([])
        : fc.array(valueOf(spec, schema.items ?? {}, mode, depth + 1), {
            maxLength: 3,
          });
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(spec, schema, mode, depth);
    default:
      return validString(schema);
  }
}

function objectOf(spec: Schema, schema: Schema, mode: Mode, depth: number) {
  const properties: Record<string, Schema> = schema.properties ?? {};
  const shape = Object.fromEntries(
    Object.entries(properties).map(([key, property]) => [
      key,
      valueOf(spec, property, mode, depth + 1),
    ]),
  );
  const record = fc.record(shape, {
    requiredKeys: mode === 'valid' ? schema.required ?? [] : [],
  });
  if (mode === 'valid') {
    return record;
  }
  return fc
    .tuple(
      record,
      fc.dictionary(
        fc.string({ maxLength: 8 }),
        fc.jsonValue({ maxDepth: 1 }),
        {
          maxKeys: 2,
        },
      ),
      fc.boolean(),
    )
    .map(([known, extra, withExtra]) =>
      withExtra ? { ...extra, ...known } : known,
    );
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? '';
}

/** The query string: each parameter present or not; in hostile mode also repeated, mis-encoded, or unknown ones. */
function queryOf(spec: Schema, parameters: Schema[], mode: Mode) {
  const query = parameters.filter(parameter => parameter.in === 'query');
  const encodedValue = (parameter: Schema) =>
    valueOf(spec, parameter.schema ?? {}, mode).map(v => [encode(stringOf(v))]);
  const values = query.map(parameter => {
    const value =
      mode === 'valid'
        ? encodedValue(parameter)
        : fc.oneof(
            { weight: 4, arbitrary: encodedValue(parameter) },
            {
              weight: 1,
              arbitrary: fc.array(hostileString.map(encode), {
                minLength: 2,
                maxLength: 3,
              }),
            },
            {
              weight: 1,
              arbitrary: fc.constantFrom(...MALFORMED_ENCODINGS).map(v => [v]),
            },
          );
    return parameter.required && mode === 'valid' ? value : sometimes(value, 2);
  });
  const unknown =
    mode === 'valid'
      ? fc.constant(null)
      : sometimes(hostileString.map(encode), 6);
  return fc.tuple(fc.tuple(...values), unknown).map(([present, extra]) => {
    const parts = present.flatMap((encoded, index) =>
      encoded === null ? [] : encoded.map(v => `${query[index].name}=${v}`),
    );
    if (extra !== null) parts.push(`fuzz=${extra}`);
    return parts.length ? `?${parts.join('&')}` : '';
  });
}

/** The value in one of `oneIn` cases, `null` otherwise (fc.option's `freq` is the other way round). */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, oneIn: number) {
  return fc.oneof(
    { weight: oneIn - 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary },
  );
}

const json = (value: unknown) => ({ type: 'json' as const, value });

function bodyOf(spec: Schema, operation: Schema, mode: Mode) {
  const schema = operation.requestBody?.content?.['application/json']?.schema;
  const fromSchema = valueOf(spec, schema ?? { type: 'object' }, mode).map(
    json,
  );
  if (mode === 'valid') {
    return fromSchema;
  }
  return fc.oneof(
    { weight: 5, arbitrary: fromSchema },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map(json) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        { type: 'application/json', text: '{"action":' },
        { type: 'application/json', text: '' },
        { type: 'application/json', text: 'null' },
        { type: 'application/json', text: '{"__proto__":{"admin":true}}' },
        { type: 'text/plain', text: 'restart please' },
        {
          type: 'application/x-www-form-urlencoded',
          text: 'action=restart&environment=dev',
        },
      ),
    },
  );
}

function pathOf(
  template: string,
  parameters: Schema[],
  mode: Mode,
  samples: Record<string, string[]>,
) {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map(match => match[1]);
  const segments = names.map(name => {
    const schema = parameters.find(
      parameter => parameter.in === 'path' && parameter.name === name,
    )?.schema ?? { type: 'string' };
    const known = samples[name] ?? [];
    // Valid: what the schema allows, preferring the values the backend knows; hostile: those, and anything.
    const valid = (
      schema.type === 'integer'
        ? validValueOf({}, schema, 'valid', 0).map(String)
        : validString(schema, known)
    ).map(encode);
    return mode === 'valid'
      ? valid
      : fc.oneof(
          { weight: 1, arbitrary: valid },
          {
            weight: 1,
            arbitrary: known.length
              ? fc.constantFrom(...known).map(encode)
              : valid,
          },
          { weight: 2, arbitrary: hostileString.map(encode) },
          { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_ENCODINGS) },
        );
  });
  return fc
    .tuple(...segments)
    .map(values =>
      names.reduce(
        (url, name, index) => url.replace(`{${name}}`, values[index]),
        template,
      ),
    );
}

/** A body for an operation that takes one; now and then one for an operation that does not. */
function bodiesOf(
  spec: Schema,
  method: FuzzRequest['method'],
  operation: Schema,
  mode: Mode,
) {
  if (method === 'get' || !operation.requestBody) {
    return sometimes(bodyOf(spec, operation, 'hostile'), 8);
  }
  return mode === 'valid'
    ? bodyOf(spec, operation, mode)
    : fc.oneof(bodyOf(spec, operation, mode), fc.constant(null));
}

/** Every operation of the document, each with an arbitrary of requests to it under `basePath`. */
export function fuzzOperations(
  spec: Schema,
  basePath: string,
  /** Values for path parameters by name, good and bad; hostile requests add worse ones. */
  pathSamples: Record<string, string[]> = {},
): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [template, item] of Object.entries<Schema>(spec.paths)) {
    for (const method of ['get', 'post', 'put', 'delete'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map((parameter: Schema) => resolve(spec, parameter));
      const requestsIn = (mode: Mode) =>
        fc
          .tuple(
            pathOf(template, parameters, mode, pathSamples),
            queryOf(spec, parameters, mode),
            bodiesOf(spec, method, operation, mode),
          )
          .map(([path, query, body]) => ({
            method,
            url: `${basePath}${path}${query}`,
            ...(body && method !== 'get' ? { body } : {}),
          }));
      const requests = fc.oneof(
        { weight: 1, arbitrary: requestsIn('valid') },
        { weight: 1, arbitrary: requestsIn('hostile') },
      );
      operations.push({ method, template, requests });
    }
  }
  return operations;
}
