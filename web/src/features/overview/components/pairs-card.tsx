// The pairs of a programme: who answered what, and how their meetings are going.
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { SelectField } from '../../../components/field';
import { Card, TableWrap } from '../../../components/page';
import { Pager } from '../../../components/pager';
import { statusLabels, statusTones } from '../../../components/relationship-status';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import type { RelationshipStatus, Response } from '../../relationships/types';
import { useProgrammeRelationships } from '../api/programme-relationships';

const pageSize = 25;
const answer: Record<Response, string> = { pending: 'waiting', accepted: 'accepted', declined: 'declined' };

export function PairsCard({ programmeId }: { programmeId: string }) {
  const [status, setStatus] = useState<RelationshipStatus | ''>('');
  const [offset, setOffset] = useState(0);
  const list = useProgrammeRelationships(programmeId, {
    status: status || undefined,
    limit: pageSize,
    offset,
  });
  return (
    <Card title="Pairs">
      <div className="toolbar">
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as RelationshipStatus | '');
            setOffset(0);
          }}
        >
          <option value="">All</option>
          {(Object.keys(statusLabels) as RelationshipStatus[]).map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => list.refetch()} />
      ) : list.data.total === 0 ? (
        <EmptyState title={status ? `No pairs are ${statusLabels[status].toLowerCase()}` : 'No pairs yet'} />
      ) : (
        <>
          <TableWrap label="Programme pairs">
            <table className={`table${list.isPlaceholderData ? ' table--busy' : ''}`}>
              <thead>
                <tr>
                  <th scope="col">Mentee</th>
                  <th scope="col">Mentor</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Held
                  </th>
                  <th scope="col" className="num">
                    Booked
                  </th>
                  <th scope="col">Cancelled</th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <span className="cell-title">{r.mentee?.name ?? r.name}</span>
                      <span className="cell-sub">{r.mentee?.jobTitle ?? 'Circle'}</span>
                    </th>
                    <td>
                      <span className="cell-title">{r.mentor.name}</span>
                      <span className="cell-sub">{r.mentor.jobTitle}</span>
                    </td>
                    <td>
                      <Badge tone={statusTones[r.status]}>{statusLabels[r.status]}</Badge>
                      <span className="cell-sub">
                        {r.status === 'proposed'
                          ? `mentee ${answer[r.menteeResponse]}, mentor ${answer[r.mentorResponse]}`
                          : r.acceptedAt
                            ? `since ${formatDate(r.acceptedAt)}`
                            : ''}
                      </span>
                    </td>
                    <td className="num">{r.meetings.held}</td>
                    <td className="num">{r.meetings.scheduled}</td>
                    <td>
                      {r.meetings.cancelled
                        ? `${r.meetings.cancelled} (mentor ${r.meetings.cancelledByMentor}, mentee ${r.meetings.cancelledByMentee})`
                        : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager
            offset={offset}
            limit={pageSize}
            total={list.data.total}
            onChange={setOffset}
            label="Pair pages"
          />
        </>
      )}
    </Card>
  );
}
