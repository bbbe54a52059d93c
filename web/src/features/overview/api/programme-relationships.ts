// Every relationship of a programme, a page at a time (managers: state, never content).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Page } from '../../../lib/types';
import type { Relationship, RelationshipStatus } from '../../relationships/types';

export const getProgrammeRelationships = (
  programmeId: string,
  query: { status?: RelationshipStatus; limit: number; offset: number },
) => api.get<Page<Relationship>>(`/programmes/${programmeId}/relationships`, { query });

export function useProgrammeRelationships(
  programmeId: string,
  query: { status?: RelationshipStatus; limit: number; offset: number },
) {
  return useQuery({
    queryKey: ['programme-relationships', programmeId, query],
    queryFn: () => getProgrammeRelationships(programmeId, query),
    placeholderData: keepPreviousData,
  });
}
