import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { TableWrap } from '../../../components/page';
import { formatDate } from '../../../lib/format';
import type { Person } from '../../../lib/types';

export function PeopleTable({ people, busy }: { people: Person[]; busy?: boolean }) {
  return (
    <TableWrap label="People">
      <table className={`table${busy ? ' table--busy' : ''}`} aria-busy={busy || undefined}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Job</th>
            <th scope="col" className="num">
              Level
            </th>
            <th scope="col">Department</th>
            <th scope="col">Location</th>
            <th scope="col">Languages</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <Link to={`/people/${p.id}`} className="cell-title">
                  {p.name}
                </Link>
                <span className="cell-sub">{p.email}</span>
              </th>
              <td>{p.jobTitle ?? '—'}</td>
              <td className="num">{p.jobLevel}</td>
              <td>{p.department ?? '—'}</td>
              <td>
                {p.location ?? '—'}
                <span className="cell-sub">{p.timeZone}</span>
              </td>
              <td>{p.languages.length ? p.languages.join(', ') : '—'}</td>
              <td>
                {p.leaveDate ? (
                  <Badge>Left {formatDate(p.leaveDate)}</Badge>
                ) : (
                  <Badge tone="success">Current</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
