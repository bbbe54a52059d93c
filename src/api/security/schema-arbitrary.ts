// fast-check arbitraries derived from the JSON schemas of the OpenAPI document: values
// that mostly follow the schema (so requests reach the use cases) with hostile values
// mixed in at every level, and whole bodies built to break parsers and databases.
import fc from 'fast-check';
import type { JsonSchema } from './operations.js';

/** Strings that have broken servers: control characters, odd unicode, SQL, HTML, formats. */
export const hostileStrings: readonly string[] = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil\u202c',
  '\u200b\u200d\ufeff',
  'e\u0301\u0301\u0301\u0301',
  '𝕿𝖜𝖔𝖜𝖆𝖞 👩🏽‍💻',
  '\uffff\ufffe',
  "'; drop table people; --",
  "' or '1'='1",
  '$1',
  '%s%s%n',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '../../../../etc/passwd',
  'coo@hq-.northwind.example',
  `x@${'a'.repeat(70)}.example`,
  '9999-99-99',
  '2027-02-30',
  '-infinity',
  'NaN',
  '1e309',
  'Europe/Atlantis',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(5_000),
];

export const hostileNumbers: readonly number[] = [
  -1,
  0,
  -0,
  0.5,
  2 ** 31,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  -1e308,
  Number.MIN_VALUE,
];

const hostileAny = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.constantFrom(...hostileNumbers),
  fc.constantFrom(null, true, [], {}, [[[]]], { a: { b: { c: {} } } }),
);

function stringOf(schema: JsonSchema, name: string, refs: Record<string, string>): fc.Arbitrary<string> {
  const max = Math.min(schema.maxLength ?? 60, 60);
  const min = Math.min(schema.minLength ?? 0, max);
  if (schema.format === 'uuid') {
    const ref = refs[name] ?? refs[`${name}Id`] ?? refs[name.replace(/s$/, '')];
    return ref ? fc.oneof(fc.constant(ref), fc.uuid()) : fc.uuid();
  }
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}'))
    return fc
      .date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (/time_?zone/i.test(name))
    return fc.constantFrom('UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham');
  if (schema.pattern === '^[a-z]{2,3}$') return fc.constantFrom('en', 'es', 'fr', 'de', 'pt');
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ minLength: min, maxLength: max, unit: 'grapheme' }),
  );
}

/** Values for a schema; about one node in `hostileOneIn` is replaced by a hostile value. */
export function arbitraryOf(
  schema: JsonSchema,
  refs: Record<string, string>,
  name = '',
  depth = 0,
  hostileOneIn = 8,
): fc.Arbitrary<unknown> {
  const valid = validArbitrary(schema, refs, name, depth, hostileOneIn);
  return fc.oneof({ arbitrary: valid, weight: hostileOneIn - 1 }, { arbitrary: hostileAny, weight: 1 });
}

function validArbitrary(
  schema: JsonSchema,
  refs: Record<string, string>,
  name: string,
  depth: number,
  hostileOneIn: number,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return fc.oneof(...alt.map((s) => arbitraryOf(s, refs, name, depth + 1, hostileOneIn)));
  if (schema.allOf?.length)
    return arbitraryOf(schema.allOf[0] as JsonSchema, refs, name, depth + 1, hostileOneIn);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const nullable = schema.nullable || (Array.isArray(schema.type) && schema.type.includes('null'));
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'object': {
        if (depth > 6) return fc.constant({});
        const props = schema.properties ?? {};
        const model: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, prop] of Object.entries(props))
          model[key] = arbitraryOf(prop, refs, key, depth + 1, hostileOneIn);
        const required = (schema.required ?? []).filter((k) => k in props);
        return fc.record(model, { requiredKeys: required });
      }
      case 'array': {
        if (depth > 6) return fc.constant([]);
        const maxLength = Math.min(schema.maxItems ?? 4, 4);
        const minLength = Math.min(schema.minItems ?? 0, maxLength);
        return fc.array(
          arbitraryOf(schema.items ?? {}, refs, name.replace(/s$/, ''), depth + 1, hostileOneIn),
          {
            minLength,
            maxLength,
          },
        );
      }
      case 'integer': {
        const min = typeof schema.minimum === 'number' ? schema.minimum : -1_000;
        const max = typeof schema.maximum === 'number' ? schema.maximum : 1_000_000;
        return fc.integer({ min: Math.max(min, -(2 ** 31)), max: Math.min(max, 2 ** 31 - 1) });
      }
      case 'number':
        return fc.double({
          min: typeof schema.minimum === 'number' ? schema.minimum : -1e6,
          max: typeof schema.maximum === 'number' ? schema.maximum : 1e6,
          noNaN: true,
          noDefaultInfinity: true,
        });
      case 'boolean':
        return fc.boolean();
      case 'string':
        return stringOf(schema, name, refs);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return nullable ? fc.option(base, { nil: null, freq: 6 }) : base;
}

/** Every string inside a value replaced by `f` of it; keys too when `keys` is set. */
export function mapStrings(value: unknown, f: (s: string) => string, keys = false): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f, keys));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [keys ? f(k) : k, mapStrings(v, f, keys)]),
    );
  return value;
}

/**
 * Whole bodies that attack the parser and the guards, as raw JSON text: deep nesting,
 * NUL characters in keys and values, prototype keys, huge strings, the wrong top-level type.
 */
export function hostileBodies(example: unknown): { name: string; text: string }[] {
  const json = JSON.stringify(example ?? {});
  const isObject = json.startsWith('{');
  const withKey = (key: string, value: string) =>
    isObject ? `{${JSON.stringify(key)}:${value}${json === '{}' ? '' : ','}${json.slice(1)}` : json;
  return [
    { name: 'nested 4000 objects deep', text: `${'{"a":'.repeat(4_000)}1${'}'.repeat(4_000)}` },
    { name: 'nested 4000 arrays deep', text: `${'['.repeat(4_000)}${']'.repeat(4_000)}` },
    {
      name: 'nested 4000 deep inside a field',
      text: isObject ? withKey('goals', `${'['.repeat(4_000)}${']'.repeat(4_000)}`) : json,
    },
    { name: 'NUL in a key', text: withKey('ke\u0000y', '"v"') },
    {
      name: 'NUL in every key',
      text: JSON.stringify(mapStrings(example, (s) => s, true)).replaceAll('":', '\\u0000":'),
    },
    { name: 'NUL in every string', text: JSON.stringify(mapStrings(example, (s) => `${s}\u0000x`)) },
    { name: '__proto__ key', text: withKey('__proto__', '{"roles":["org_admin"],"isAdmin":true}') },
    { name: 'constructor key', text: withKey('constructor', '{"prototype":{"isAdmin":true}}') },
    { name: 'huge strings', text: JSON.stringify(mapStrings(example, () => 'x'.repeat(200_000))) },
    { name: 'lone surrogates', text: JSON.stringify(mapStrings(example, () => '\ud800x\udfff')) },
    {
      name: 'SQL in every string',
      text: JSON.stringify(mapStrings(example, () => "'); drop table people; --")),
    },
    {
      name: 'HTML in every string',
      text: JSON.stringify(mapStrings(example, () => '<script>alert(1)</script>')),
    },
    { name: 'an array instead', text: `[${json}]` },
    { name: 'null', text: 'null' },
    { name: 'a number', text: '1e999' },
    { name: 'not JSON', text: '{"a":' },
  ];
}
