// Shared route schemas.
import { z } from 'zod';

export const idParams = z.object({ id: z.string().uuid('must be an id (UUID)') });
export const errorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .describe('An error: a stable code, a message, and the fields at fault');
