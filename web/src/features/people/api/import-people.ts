import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../../lib/api-client';
import type { ColumnMapping, DateFormat, ImportPreview, ImportReport } from '../../../lib/types';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The upload as the server reads it: the file's own bytes (any encoding, or a workbook), or pasted text. */
export interface Upload {
  body: Blob | string;
  name: string | null;
}

const contentTypeOf = (upload: Upload) =>
  upload.name?.toLowerCase().endsWith('.xlsx') ? xlsxType : 'text/csv';

export interface ReadOptions {
  dateFormat?: DateFormat | undefined;
  sheet?: string | undefined;
}

const queryOf = (options: ReadOptions) => ({
  ...(options.dateFormat ? { dateFormat: options.dateFormat } : {}),
  ...(options.sheet ? { sheet: options.sheet } : {}),
});

export function previewImport(upload: Upload, options: ReadOptions): Promise<ImportPreview> {
  return api.post<ImportPreview>('/people/import/preview', upload.body, {
    contentType: contentTypeOf(upload),
    query: queryOf(options),
  });
}

export interface ImportPeopleInput extends ReadOptions {
  upload: Upload;
  skipInvalid: boolean;
  dryRun: boolean;
  /** Saved first when the admin corrected the proposal, so this file and the next one use it. */
  save?: { header: string[]; mapping: ColumnMapping; dateFormat: DateFormat | null } | undefined;
  grades?: Record<string, number> | undefined;
}

/**
 * Saves what the admin corrected, sends the file and always resolves to the row-by-row
 * report: a file the server refuses (400 with the report in error.details) is a report too.
 */
export async function importPeople(input: ImportPeopleInput): Promise<ImportReport> {
  if (input.grades && Object.keys(input.grades).length > 0)
    await api.put('/people/import/grades', { levels: input.grades });
  if (input.save) await api.put('/people/import/mapping', input.save);
  try {
    return await api.post<ImportReport>('/people/import', input.upload.body, {
      contentType: contentTypeOf(input.upload),
      query: { skipInvalid: input.skipInvalid, dryRun: input.dryRun, ...queryOf(input) },
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
