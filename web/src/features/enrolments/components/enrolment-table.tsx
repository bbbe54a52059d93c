import { Badge } from '../../../components/badge';
import { TableWrap } from '../../../components/page';
import { enrolmentRoleLabels, formatDate } from '../../../lib/format';
import type { Enrolment } from '../../../lib/types';

export function EnrolmentTable({
  enrolments,
  topicNames,
}: {
  enrolments: Enrolment[];
  topicNames: Map<string, string>;
}) {
  const list = (items: { topicId: string }[]) =>
    items.map((i) => topicNames.get(i.topicId) ?? 'Topic').join(', ');
  return (
    <TableWrap label="Enrolments">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Department</th>
            <th scope="col">Role</th>
            <th scope="col">Offers</th>
            <th scope="col">Seeks</th>
            <th scope="col" className="num">
              Capacity
            </th>
            <th scope="col">Enrolled</th>
          </tr>
        </thead>
        <tbody>
          {enrolments.map((e) => (
            <tr key={e.id} className={e.status === 'withdrawn' ? 'row--muted' : undefined}>
              <th scope="row">
                <span className="cell-title">{e.person?.name ?? 'Unknown'}</span>
                <span className="cell-sub">
                  {e.person?.jobTitle ?? ''}
                  {e.person ? ` · level ${e.person.jobLevel}` : ''}
                </span>
              </th>
              <td>{e.person?.department ?? '—'}</td>
              <td>
                {enrolmentRoleLabels[e.role]}
                {e.status === 'withdrawn' ? (
                  <>
                    {' '}
                    <Badge>Withdrawn</Badge>
                  </>
                ) : null}
              </td>
              <td className="cell-wrap">{list(e.offers) || '—'}</td>
              <td className="cell-wrap">{list(e.seeks) || '—'}</td>
              <td className="num">{e.role === 'mentee' ? '—' : e.capacity}</td>
              <td>{formatDate(e.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
