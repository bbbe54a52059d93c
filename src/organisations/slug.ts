import { z } from 'zod';

/** An organisation's short address, also what sign-in asks for when an email has several accounts. */
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'must be 1-48 lowercase letters, digits and dashes');
