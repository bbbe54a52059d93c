import { type QueryKey, type UseQueryResult, useQuery } from '@tanstack/react-query';
import type { Page } from './types';

/**
 * The total beside a page of a long list. A page counts only up to a horizon past itself
 * (totalExact false when it stopped there); the exact figure is then asked for once per filter
 * (it does not change as the pages turn). Undefined while only a lower bound is known: show
 * "more than" the page's total.
 */
export function useExactTotal(
  page: UseQueryResult<Page<unknown>>,
  exactKey: QueryKey,
  countAll: (signal: AbortSignal) => Promise<Page<unknown>>,
): number | undefined {
  const exact = useQuery({
    queryKey: exactKey,
    queryFn: ({ signal }) => countAll(signal),
    select: (p) => p.total,
    // Not while the last filter's page stands in for this one.
    enabled: page.data?.totalExact === false && !page.isPlaceholderData,
    staleTime: 5 * 60_000,
  });
  return page.data?.totalExact === false ? exact.data : page.data?.total;
}
