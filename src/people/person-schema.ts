// What a person record may hold, checked at every boundary (API, CSV, demo).
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { emailSchema } from './email.js';

export const careerStages = ['early_career', 'mid_career', 'senior', 'executive'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-03-31')
  .refine((s) => DateTime.fromISO(s).isValid, 'is not a real date');

// Area/Location names only: luxon alone also takes "system", "local" and offsets such as
// "UTC+5", which say nothing about daylight saving and differ between machines. Node's list
// lags renames (it has Europe/Kiev, not Europe/Kyiv), so a name of that shape that the
// time-zone database knows is accepted too.
const ianaTimeZones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
const ianaShape = /^[A-Z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+$/;

export const isIanaTimeZone = (tz: string): boolean =>
  ianaTimeZones.has(tz) || (ianaShape.test(tz) && IANAZone.isValidZone(tz));

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine(isIanaTimeZone, 'is not a known IANA time zone (e.g. Europe/Berlin)');

export const languageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'must be an ISO 639 language code such as en or de');

export const personFields = {
  employeeId: z.string().trim().min(1).max(64).nullable().optional(),
  name: z.string().trim().min(1, 'is required').max(200),
  email: emailSchema,
  jobTitle: z.string().trim().max(200).nullable().optional(),
  jobLevel: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(20, 'must be at most 20'),
  department: z.string().trim().max(200).nullable().optional(),
  managerId: z.string().uuid('must be a person id').nullable().optional(),
  location: z.string().trim().max(200).nullable().optional(),
  timeZone: timeZoneSchema,
  languages: z.array(languageSchema).max(20),
  hireDate: isoDate.nullable().optional(),
  birthYear: z.number().int().min(1900).max(2100).nullable().optional(),
  careerStage: z.enum(careerStages).nullable().optional(),
  leaveDate: isoDate.nullable().optional(),
  leaveReason: z.string().trim().max(500).nullable().optional(),
};

export const createPersonSchema = z
  .object({
    ...personFields,
    timeZone: timeZoneSchema.default('UTC'),
    languages: personFields.languages.default([]),
  })
  .strict();
export type CreatePersonInput = z.infer<typeof createPersonSchema>;

/** A partial update; `version` is the one the editor loaded (optimistic concurrency). */
export const updatePersonSchema = z
  .object(personFields)
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;

/** Generation band from a birth year, for cross-generation spread. */
export function generationOf(birthYear: number | null | undefined): string | null {
  if (!birthYear) return null;
  if (birthYear <= 1964) return 'baby_boomer';
  if (birthYear <= 1980) return 'gen_x';
  if (birthYear <= 1996) return 'millennial';
  return 'gen_z';
}

/** The fields of a person that leave the server (see presentPerson). */
export const personResponseSchema = z.object({
  id: z.string(),
  employeeId: z.string().nullable(),
  name: z.string(),
  email: z.string(),
  jobTitle: z.string().nullable(),
  jobLevel: z.number().int(),
  department: z.string().nullable(),
  managerId: z.string().nullable(),
  location: z.string().nullable(),
  timeZone: z.string(),
  languages: z.array(z.string()),
  hireDate: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  generation: z.string().nullable(),
  careerStage: z.string().nullable(),
  leaveDate: z.string().nullable(),
  leaveReason: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonResponse = z.infer<typeof personResponseSchema>;
