import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actor: { id: string; email: string } | null;
  details: Record<string, unknown>;
}

export interface AuditLogPage {
  items: AuditEntry[];
  total: number;
  limit: number;
  offset: number;
  actions: string[];
}

export interface AuditLogQuery {
  action?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export function useAuditLog(query: AuditLogQuery) {
  return useQuery({
    queryKey: ['audit-log', query],
    queryFn: ({ signal }) => api.get<AuditLogPage>('/audit-log', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
}
