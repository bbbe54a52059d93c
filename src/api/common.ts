// Shared route schemas.
import { z } from 'zod';

export const idParams = z.object({ id: z.string().uuid('must be an id (UUID)') });

/** One page of a list: the items, the total that matched (or a lower bound), and the window asked for. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    totalExact: z.boolean().describe('false when total is a lower bound: there are more than total matches'),
    limit: z.number().int(),
    offset: z.number().int(),
  });

/** One page of `T` as the API answers it. */
export type PageResponse<T> = Omit<z.infer<ReturnType<typeof pageOf>>, 'items'> & { items: T[] };

/** 204: done, nothing to say. */
export const noContent = z.void().describe('Done; no body');
