// What an organisation taught the import once: the column mapping for a file header
// (so the next file with that header maps itself) and the job level of each grade name.
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { gradeLevels, importMappings } from '../db/schema.js';
import { validationFailed } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { type ColumnMapping, columnMappingSchema, importFields } from './import-columns.js';
import { type DateFormat, dateFormatSchema } from './import-dates.js';
import { gradeKey, type PlanLookups } from './import-plan.js';
import { personFields } from './person-schema.js';

const headerCell = z.string().max(200);

export const saveMappingSchema = z
  .object({
    header: z.array(headerCell).min(1).max(500),
    mapping: columnMappingSchema,
    dateFormat: dateFormatSchema.nullable().optional(),
  })
  .strict();
export type SaveMappingInput = z.infer<typeof saveMappingSchema>;

export const saveGradesSchema = z
  .object({
    levels: z.record(z.string().trim().min(1).max(200), personFields.jobLevel),
  })
  .strict()
  .refine((v) => Object.keys(v.levels).length <= 500, { message: 'at most 500 grades', path: ['levels'] });

/** Same header, same key: cells trimmed and lower-cased, in order. */
export const headerKeyOf = (header: readonly string[]) =>
  createHash('sha256')
    .update(header.map((h) => h.trim().toLowerCase()).join('\n'))
    .digest('hex');

/** The plan's lookups for an organisation, straight from the database. */
export const planLookupsOf = (db: Queryable, orgId: string): PlanLookups => ({
  savedMapping: (header) => savedMappingFor(db, orgId, header),
  gradeLevels: () => gradeLevelsOf(db, orgId),
});

export async function savedMappingFor(
  db: Queryable,
  orgId: string,
  header: readonly string[],
): Promise<{ mapping: ColumnMapping; dateFormat: DateFormat | null } | null> {
  const [row] = await db
    .select({ mapping: importMappings.mapping, dateFormat: importMappings.dateFormat })
    .from(importMappings)
    .where(and(eq(importMappings.orgId, orgId), eq(importMappings.headerKey, headerKeyOf(header))));
  if (!row) return null;
  return {
    mapping: row.mapping as ColumnMapping,
    dateFormat: dateFormatSchema.nullable().parse(row.dateFormat),
  };
}

/** Saves the admin's mapping for this header; every mapped column must be in the header. */
export async function saveImportMapping(db: Db, actor: Actor, input: SaveMappingInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const problems = importFields
    .filter((f) => input.mapping[f] !== undefined && !input.header.includes(input.mapping[f] as string))
    .map((f) => ({ path: `mapping.${f}`, message: `"${input.mapping[f]}" is not a column of the header` }));
  if (problems.length) throw validationFailed('The mapping names columns the file does not have.', problems);
  await db.transaction(async (tx) => {
    await tx
      .insert(importMappings)
      .values({
        orgId: actor.orgId,
        headerKey: headerKeyOf(input.header),
        header: input.header,
        mapping: input.mapping,
        dateFormat: input.dateFormat ?? null,
      })
      .onConflictDoUpdate({
        target: [importMappings.orgId, importMappings.headerKey],
        set: {
          header: input.header,
          mapping: input.mapping,
          dateFormat: input.dateFormat ?? null,
          updatedAt: sql`now()`,
        },
      });
    await writeAudit(tx, actor, actor.orgId, {
      action: 'people.import_mapping_saved',
      entityType: 'import_mapping',
      details: { fields: Object.keys(input.mapping) },
    });
  });
  return { header: input.header, mapping: input.mapping, dateFormat: input.dateFormat ?? null };
}

export async function gradeLevelsOf(db: Queryable, orgId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ grade: gradeLevels.grade, level: gradeLevels.level })
    .from(gradeLevels)
    .where(eq(gradeLevels.orgId, orgId));
  return new Map(rows.map((r) => [r.grade, r.level]));
}

/** Saves (adds or changes) the level of each grade name. */
export async function saveGradeLevels(db: Db, actor: Actor, input: z.infer<typeof saveGradesSchema>) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const values = Object.entries(input.levels).map(([grade, level]) => ({
    orgId: actor.orgId,
    grade: gradeKey(grade),
    level,
  }));
  if (values.length > 0) {
    await db.transaction(async (tx) => {
      await tx
        .insert(gradeLevels)
        .values(values)
        .onConflictDoUpdate({
          target: [gradeLevels.orgId, gradeLevels.grade],
          set: { level: sql`excluded.level`, updatedAt: sql`now()` },
        });
      await writeAudit(tx, actor, actor.orgId, {
        action: 'people.grade_levels_saved',
        entityType: 'grade_level',
        details: { grades: values.length },
      });
    });
  }
  return Object.fromEntries((await gradeLevelsOf(db, actor.orgId)).entries());
}
