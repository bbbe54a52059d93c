import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CountMode, Page, Person } from '../../../lib/types';
import { useExactTotal } from '../../../lib/use-exact-total';

export interface PeopleQuery {
  q?: string;
  department?: string;
  status?: 'current' | 'left' | 'all';
  limit?: number;
  offset?: number;
  count?: CountMode;
}

export const peopleQueryKey = (query: PeopleQuery) => ['people', 'list', query] as const;

export const getPeople = (query: PeopleQuery, signal?: AbortSignal) =>
  api.get<Page<Person>>('/people', { query: { ...query }, signal });

/** One page of people; the server searches and pages, so this stays fast at any size. */
export function usePeople(query: PeopleQuery) {
  return useQuery({
    queryKey: peopleQueryKey(query),
    queryFn: ({ signal }) => getPeople(query, signal),
    // Keep showing the last page while the next one loads, so the table does not jump.
    placeholderData: keepPreviousData,
  });
}

/** The exact number of people a search matches, asked for when a page's own count stopped at its horizon. */
export function usePeopleTotal(
  page: ReturnType<typeof usePeople>,
  query: Omit<PeopleQuery, 'limit' | 'offset' | 'count'>,
) {
  const exact = { ...query, limit: 1, count: 'exact' as const };
  return useExactTotal(page, peopleQueryKey(exact), (signal) => getPeople(exact, signal));
}
