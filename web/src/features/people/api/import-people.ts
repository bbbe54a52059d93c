import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import type { ImportReport } from '../../../lib/types';

export interface ImportPeopleInput {
  csv: string;
  skipInvalid: boolean;
  dryRun: boolean;
}

/**
 * Sends the file and always resolves to the row-by-row report: a file the server
 * refuses (400 with the report in error.details) is a report too, with nothing applied.
 */
export async function importPeople({ csv, skipInvalid, dryRun }: ImportPeopleInput): Promise<ImportReport> {
  try {
    return await api.post<ImportReport>('/people/import', csv, {
      contentType: 'text/csv',
      query: { skipInvalid, dryRun },
    });
  } catch (err) {
    const report = err instanceof ApiError ? (err.details?.report as ImportReport | undefined) : undefined;
    if (report) return report;
    throw err;
  }
}

export function useImportPeople() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importPeople,
    onSuccess: (report) => {
      if (report.applied) return queryClient.invalidateQueries({ queryKey: ['people'] });
      return undefined;
    },
  });
}
