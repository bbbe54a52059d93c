import type { ReactNode } from 'react';
import { TableWrap } from './page';
import { Pager } from './pager';

/**
 * One page of a long list as a table, with the pager under it. `actions` adds a last column,
 * named only for screen readers, for each row's buttons.
 */
export function PagedTable({
  label,
  columns,
  actions = false,
  offset,
  limit,
  total,
  onOffset,
  pagerLabel,
  children,
}: {
  label: string;
  columns: string[];
  actions?: boolean;
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  pagerLabel: string;
  /** The rows of this page. */
  children: ReactNode;
}) {
  return (
    <>
      <TableWrap label={label}>
        <table className="table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              {actions ? (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </TableWrap>
      <Pager offset={offset} limit={limit} total={total} onChange={onOffset} label={pagerLabel} />
    </>
  );
}
