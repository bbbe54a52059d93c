// Every operation of the OpenAPI document, with its path filled from real records and
// a plausible body built from its own schema: the suite covers a route the day it is added.
import type { FastifyInstance } from 'fastify';
import type { Resource } from './world.js';

/** The subset of JSON Schema that the document uses. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  $ref?: string;
}

export interface Operation {
  /** `GET /api/notes/{id}`: the key of the access policy table. */
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: string[];
  query: { name: string; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
  /** Content types the body is declared in. */
  bodyTypes: string[];
}

interface OpenApiOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export function operationsOf(app: FastifyInstance): Operation[] {
  const doc = app.swagger() as unknown as { paths: Record<string, Record<string, OpenApiOperation>> };
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(byMethod)) {
      const method = m.toUpperCase() as Operation['method'];
      const params = op.parameters ?? [];
      const content = op.requestBody?.content ?? {};
      ops.push({
        key: `${method} ${path}`,
        method,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: Boolean(p.required), schema: p.schema ?? {} })),
        body: content['application/json']?.schema ?? null,
        bodyTypes: Object.keys(content),
      });
    }
  }
  return ops;
}

/** The kind of record a path parameter names: the path segment before it (`/notes/{id}` -> notes). */
export function kindOf(path: string, param: string): string {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  return segments[at - 1] ?? '';
}

/** Every way to fill the operation's path from the world's records (one record per kind but one). */
export function fillings(
  op: Operation,
  resources: Record<string, Resource[]>,
): { url: string; used: Resource[] }[] {
  let out: { url: string; used: Resource[] }[] = [{ url: op.path, used: [] }];
  for (const param of op.pathParams) {
    const kind = kindOf(op.path, param);
    const candidates = resources[kind];
    if (!candidates?.length)
      throw new Error(`${op.key}: no record of kind "${kind}" for {${param}} in the world`);
    out = out.flatMap((f) =>
      candidates.map((r) => ({ url: f.url.replace(`{${param}}`, r.id), used: [...f.used, r] })),
    );
  }
  return out;
}

let unique = 0;

/** A plausible value for a schema: required fields only, first enum values, ids from `refs` by name. */
export function exampleOf(schema: JsonSchema, name: string, refs: Record<string, string>): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt?.length) return exampleOf(alt.find((s) => s.type !== 'null') ?? (alt[0] as JsonSchema), name, refs);
  if (schema.allOf?.length) return exampleOf(schema.allOf[0] as JsonSchema, name, refs);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) {
        const prop = schema.properties?.[key];
        if (prop) out[key] = exampleOf(prop, key, refs);
      }
      return out;
    }
    case 'array': {
      const n = schema.minItems ?? 0;
      return Array.from({ length: n }, () => exampleOf(schema.items ?? {}, name.replace(/s$/, ''), refs));
    }
    case 'integer':
    case 'number': {
      const min = typeof schema.minimum === 'number' ? schema.minimum : 1;
      return typeof schema.maximum === 'number'
        ? Math.min(Math.max(min, 1), schema.maximum)
        : Math.max(min, 1);
    }
    case 'boolean':
      return true;
    case 'string':
      return exampleString(schema, name, refs);
    default:
      return {};
  }
}

function exampleString(schema: JsonSchema, name: string, refs: Record<string, string>): string {
  if (schema.format === 'uuid')
    return refs[name] ?? refs[`${name}Id`] ?? '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'email') return `example${++unique}@example.com`;
  if (schema.format === 'date-time') return new Date(Date.now() + 7 * 86_400_000).toISOString();
  if (schema.format === 'date' || schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2027-03-01';
  if (/time_?zone/i.test(name)) return 'Europe/London';
  if (schema.pattern === '^[a-z]{2,3}$') return 'en';
  if (schema.pattern && /^\^\[a-z0-9\]/.test(schema.pattern)) return `example-${++unique}`;
  if (/password/i.test(name)) return 'a long and unusual passphrase 93';
  const min = schema.minLength ?? 1;
  return 'example'.padEnd(min, 'x').slice(0, schema.maxLength ?? 1_000);
}
