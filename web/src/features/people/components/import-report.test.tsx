import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport as Report } from '../../../lib/types';
import { ImportReport } from './import-report';

afterEach(cleanup);

const refused: Report = {
  rows: 3,
  created: 0,
  updated: 0,
  skipped: 0,
  applied: false,
  dryRun: false,
  ignoredColumns: ['cost_centre'],
  errors: [
    { row: 3, column: 'email', message: 'must be an email address' },
    { row: 4, column: 'job_level', message: 'must be a number' },
    { row: 4, column: null, message: 'the reporting line forms a cycle' },
  ],
};

describe('the import report', () => {
  it('says nothing was imported and lists each problem by row and column', () => {
    render(<ImportReport report={refused} />);
    expect(screen.getByText('Nothing was imported')).toBeTruthy();
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      '3emailmust be an email address',
      '4job_levelmust be a number',
      '4—the reporting line forms a cycle',
    ]);
    expect(screen.getByText(/Columns not used: cost_centre/)).toBeTruthy();
  });

  it('reports a finished import with counts and no problem table', () => {
    render(
      <ImportReport
        report={{ ...refused, applied: true, created: 2, updated: 1, errors: [], ignoredColumns: [] }}
      />,
    );
    expect(screen.getByText('Import finished')).toBeTruthy();
    expect(screen.getByText('2 added, 1 updated.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('calls a clean dry run ready to import', () => {
    render(<ImportReport report={{ ...refused, dryRun: true, errors: [] }} />);
    expect(screen.getByText('The file is ready to import')).toBeTruthy();
  });
});
