// The parts of SCIM 2.0 every resource shares: schema names, list answers and paging, ETags,
// and the PATCH request body.
import type { ScimPatchOperation } from 'scim-patch';
import { z } from 'zod';
import { ScimError, scimInvalid } from './scim-errors.js';

export const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const groupSchema = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const enterpriseSchema = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/** Twoway's own extension: the job level matching rules need, which directories do not carry. */
export const twowaySchema = 'urn:ietf:params:scim:schemas:extension:twoway:2.0:User';
export const listSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const patchOpSchema = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

export const maxPageSize = 200;

export interface Page {
  startIndex: number;
  count: number;
}

const queryInt = (name: string) =>
  z
    .string()
    .regex(/^-?\d{1,9}$/, `${name} must be a whole number`)
    .transform(Number)
    .optional();

export const listQuerySchema = z.object({
  filter: z.string().optional(),
  startIndex: queryInt('startIndex'),
  count: queryInt('count'),
  attributes: z.string().max(1000).optional(),
  excludedAttributes: z.string().max(1000).optional(),
});

/** RFC 7644 3.4.2.4: startIndex below 1 means 1; a negative count means 0; large pages are cut to 200. */
export function pageOf(query: { startIndex?: number | undefined; count?: number | undefined }): Page {
  return {
    startIndex: Math.max(1, query.startIndex ?? 1),
    count: Math.min(maxPageSize, Math.max(0, query.count ?? 100)),
  };
}

export const listResponse = <T>(resources: T[], totalResults: number, page: Page) => ({
  schemas: [listSchema],
  totalResults,
  startIndex: page.startIndex,
  itemsPerPage: resources.length,
  Resources: resources,
});

/** A resource's version as a weak ETag: `W/"3"`. */
export const etagOf = (version: number) => `W/"${version}"`;

/** If-Match (RFC 7644 3.14): a write against an older version is refused with 412. */
export function assertIfMatch(header: string | undefined, version: number): void {
  if (!header || header.trim() === '*') return;
  const current = `"${version}"`;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(current))
    throw new ScimError(412, `The resource changed: its version is now ${etagOf(version)}.`);
}

const patchSchema = z.object({
  schemas: z.array(z.string()).optional(),
  Operations: z
    .array(
      z
        .object({
          op: z.string().regex(/^(add|replace|remove)$/i, 'must be add, replace or remove'),
          path: z.string().max(1000).optional(),
          value: z.unknown().optional(),
        })
        .passthrough(),
    )
    .min(1, 'needs at least one operation')
    .max(1000, 'at most 1000 operations'),
});

export function parsePatch(body: unknown): ScimPatchOperation[] {
  const parsed = patchSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw scimInvalid(
      `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'is not a PatchOp'}`,
      'invalidSyntax',
    );
  }
  if (parsed.data.schemas && !parsed.data.schemas.includes(patchOpSchema))
    throw scimInvalid(`schemas: must include ${patchOpSchema}`, 'invalidSyntax');
  return parsed.data.Operations.map((o) => {
    if (o.op.toLowerCase() === 'remove') {
      if (!o.path) throw scimInvalid('Operations: remove needs a path', 'noTarget');
      return { op: 'remove', path: o.path, ...(o.value !== undefined ? { value: o.value } : {}) };
    }
    return {
      op: o.op.toLowerCase() as 'add' | 'replace',
      ...(o.path ? { path: o.path } : {}),
      value: o.value,
    } as ScimPatchOperation;
  });
}
