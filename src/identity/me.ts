// What GET /me answers: the signed-in account, its person and enrolments.
import { z } from 'zod';
import { personResponseSchema } from '../people/person-schema.js';
import { enrolmentResponseSchema } from '../programmes/enrolments.js';
import { roleSchema } from './actor.js';

/** The signed-in account, its person and enrolments (GET /me). */
export const meSchema = z.object({
  account: z.object({ id: z.string(), email: z.string(), roles: z.array(roleSchema), orgId: z.string() }),
  person: personResponseSchema.nullable(),
  enrolments: z.array(enrolmentResponseSchema),
});
export type MeResponse = z.infer<typeof meSchema>;
