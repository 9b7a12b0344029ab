// fast-check arbitraries for fuzzing an operation contract (tests/integration/api-fuzz):
// hostile strings, JSON values and raw bodies, and "almost valid" bodies derived from the
// operation's own body schema (z.toJSONSchema), so that part of the requests get past
// parsing and reach the use case. Nothing here knows a particular route: a new operation
// is fuzzed from its contract alone.
import fc from 'fast-check';
import { z } from 'zod';
import type { OperationContract } from '../../lib/adapters/http/operation';

type JsonSchema = Record<string, unknown>;

/** Values that have broken parsers, SQL, URL handling or string encodings somewhere. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '%zz',
  "' OR 1=1 --",
  '"; DROP TABLE journal_entries; --',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999999',
  '00000000-0000-0000-0000-000000000000',
  'ffffffffffffffffffffffff',
  '000000000000000000000000',
  '\uD800',
  '\uDFFF\uD800',
  '\u202E\u0644\u0627 RTL',
  'ﷺ'.repeat(50),
  '🧾💶'.repeat(500),
  'x'.repeat(70_000),
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '\r\n\t\u000b\u000c',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2_000 }) },
);

/** A header value as HTTP carries it (a ByteString without NUL, CR or LF; servers cap headers near 16 KB). */
export const headerValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '*', 'null', '"etag"', 'W/"x"', 'a'.repeat(8_000), "' OR 1=1 --", 'é€'.slice(0, 1)),
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c < 0x7f || c >= 0xa0)
      .map((c) => String.fromCharCode(c)),
    maxLength: 60,
  }),
);

const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number, key: string) => `{"${key}":`.repeat(depth) + '1' + '}'.repeat(depth);

/** Bodies that are not what any JSON operation wants, as raw text. */
export const hostileRawBody: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"a":1,}',
    "{'a':1}",
    'NaN',
    'undefined',
    '\u0000',
    '\uFEFF{}',
    '[]',
    'null',
    '"string"',
    '12',
    'true',
    '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
    '{"amount":1e400,"n":-0,"big":123456789012345678901234567890}',
    '{"date":"\\ud800","memo":"\\u0000","lines":[]}',
    '{"a":1,"a":2}',
    deepArray(20_000),
    deepObject(20_000, 'lines'),
    deepObject(2_000, 'memo'),
  ),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
);

/** JSON values, hostile in type or content, to put where a field is expected. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, [], {}, [[[[[]]]]], { toString: 'x' }),
  fc.jsonValue({ maxDepth: 3 }),
);

export interface Pools {
  /** Known-good values by property name (an account code that exists, today's date…). */
  byName: Record<string, readonly unknown[]>;
  /** IDs of things that exist (own and foreign), for `format: uuid` fields. */
  uuids: readonly string[];
}

/** Values for a body field: valid-looking ones from the schema and pools, with a hostile one now and then. */
export function fromSchema(
  schema: JsonSchema,
  defs: Record<string, JsonSchema>,
  pools: Pools,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const derived = derive(schema, defs, pools, name, depth);
  const hinted = Object.hasOwn(pools.byName, name) ? pools.byName[name] : undefined;
  const good = hinted ? fc.oneof(fc.constantFrom(...hinted), derived) : derived;
  return fc.oneof({ weight: 8, arbitrary: good }, { weight: 1, arbitrary: hostileJson });
}

function derive(schema: JsonSchema, defs: Record<string, JsonSchema>, pools: Pools, name: string, depth: number): fc.Arbitrary<unknown> {
  const ref = schema.$ref;
  if (typeof ref === 'string') return derive(defs[ref.split('/').pop() ?? ''] ?? {}, defs, pools, name, depth);
  const options = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (options) return fc.oneof(...options.map((option) => derive(option, defs, pools, name, depth)));
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const num = (key: string) => (typeof schema[key] === 'number' ? schema[key] : undefined);
  switch (schema.type) {
    case 'object': {
      if (depth > 4) return fc.constant({});
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const record = Object.fromEntries(
        Object.entries(properties).map(([key, value]) => [key, fromSchema(value, defs, pools, key, depth + 1)]),
      );
      const required = (schema.required ?? []) as string[];
      return fc.record(record, { requiredKeys: required });
    }
    case 'array': {
      const items = fromSchema((schema.items ?? {}) as JsonSchema, defs, pools, name, depth + 1);
      return fc.array(items, { minLength: Math.min(num('minItems') ?? 0, 6), maxLength: Math.min(num('maxItems') ?? 6, 6) });
    }
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...pools.uuids), fc.uuid());
      if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern));
      return fc.string({ minLength: num('minLength') ?? 0, maxLength: Math.min(num('maxLength') ?? 40, 40) });
    case 'integer':
      return fc.integer({ min: num('minimum') ?? -1_000, max: num('maximum') ?? 1_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** The JSON body an operation declares, as an arbitrary of values (before serialisation). */
export function bodyValue(operation: OperationContract, pools: Pools): fc.Arbitrary<unknown> {
  if (!operation.body) return fc.constant(undefined);
  const { $defs, ...schema } = z.toJSONSchema(operation.body.schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & {
    $defs?: Record<string, JsonSchema>;
  };
  return fromSchema(schema, $defs ?? {}, pools);
}

/** A CSV body: header and rows mixing known-good cells with hostile ones. */
export function csvBody(pools: Pools): fc.Arbitrary<string> {
  const cell = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('1', '2', ...((pools.byName.date ?? []) as string[]), '1100', '4100', '10.00', '', 'Memo') },
    { weight: 1, arbitrary: hostileString.map((value) => (/[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)) },
  );
  const header = fc.oneof(
    { weight: 4, arbitrary: fc.constant('entry,date,memo,reference,account,debit,credit,description') },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.oneof(fc.constantFrom('entry', 'date', 'memo', 'account', 'debit', 'credit'), hostileString), { maxLength: 9 })
        .map((cells) => cells.join(',')),
    },
  );
  const row = fc.array(cell, { minLength: 0, maxLength: 9 }).map((cells) => cells.join(','));
  return fc
    .tuple(header, fc.array(row, { maxLength: 8 }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([head, rows, eol]) => [head, ...rows].join(eol));
}
