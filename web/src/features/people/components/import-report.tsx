// The row-by-row answer to a people import: what happened, and every problem by row and column.
import { Link } from 'react-router';
import { Stat, TableWrap } from '../../../components/page';
import { Alert } from '../../../components/states';
import { formatNumber, plural } from '../../../lib/format';
import type { ImportReport as Report } from '../../../lib/types';

/** `inviteSince`: when the import began, so the report can offer to invite the people it added. */
export function ImportReport({ report, inviteSince }: { report: Report; inviteSince?: string | undefined }) {
  const problems = report.errors.length;
  let outcome: { kind: 'success' | 'error' | 'info'; title: string; text: string };
  if (report.dryRun) {
    outcome = problems
      ? {
          kind: 'error',
          title: 'The check found problems',
          text: `Fix the ${plural(problems, 'problem')} below, then import. Nothing was changed.`,
        }
      : {
          kind: 'success',
          title: 'The file is ready to import',
          text: `All ${plural(report.rows, 'row')} are valid. Nothing was changed yet.`,
        };
  } else if (!report.applied) {
    outcome = {
      kind: 'error',
      title: 'Nothing was imported',
      text: `The file has ${plural(problems, 'problem')}. Fix them and import again, or choose to skip invalid rows.`,
    };
  } else {
    outcome = {
      kind: problems ? 'info' : 'success',
      title: 'Import finished',
      text: `${formatNumber(report.created)} added, ${formatNumber(report.updated)} updated${report.skipped ? `, ${formatNumber(report.skipped)} skipped` : ''}.`,
    };
  }
  return (
    <section className="stack" aria-labelledby="import-report-heading">
      <h2 id="import-report-heading" className="section-title">
        Import report
      </h2>
      <Alert kind={outcome.kind} title={outcome.title}>
        <p>{outcome.text}</p>
      </Alert>
      <div className="stats">
        <Stat label="Rows read" value={formatNumber(report.rows)} />
        <Stat label="Added" value={formatNumber(report.created)} />
        <Stat label="Updated" value={formatNumber(report.updated)} />
        <Stat label="Skipped" value={formatNumber(report.skipped)} />
      </div>
      {report.applied && !report.dryRun && report.created > 0 && inviteSince ? (
        <p>
          <Link
            to={`/invitations/new?${new URLSearchParams({ since: inviteSince })}`}
            className="button button--primary"
          >
            Invite these people
          </Link>
        </p>
      ) : null}
      {report.ignoredColumns.length ? (
        <p className="muted">
          Columns not used: {report.ignoredColumns.join(', ')}. Twoway does not read them; that is fine if you
          did not mean it to.
        </p>
      ) : null}
      {problems ? (
        <TableWrap label="Problems by row">
          <table className="table">
            <caption className="table__caption">{plural(problems, 'problem')}, by row of the file</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  Row
                </th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: one row may have several problems; the list never reorders
                <tr key={i}>
                  <td className="num">{e.row}</td>
                  <td>{e.column ? <code>{e.column}</code> : '—'}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
