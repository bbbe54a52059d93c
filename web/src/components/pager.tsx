import { formatNumber } from '../lib/format';
import { Button } from './button';

/** Previous / next paging with "41-60 of 200,000" (or "of more than 1,050" while the total is a lower bound). */
export function Pager({
  offset,
  limit,
  total,
  exact = true,
  onChange,
  label = 'Pages',
}: {
  offset: number;
  limit: number;
  total: number;
  exact?: boolean;
  onChange: (offset: number) => void;
  label?: string;
}) {
  if (total === 0) return null;
  const first = offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav className="pager" aria-label={label}>
      <p className="pager__range" aria-live="polite">
        {formatNumber(first)}–{formatNumber(last)} of {exact ? '' : 'more than '}
        {formatNumber(total)}
      </p>
      <div className="pager__buttons">
        <Button
          variant="secondary"
          size="small"
          disabled={offset === 0}
          onClick={() => onChange(Math.max(0, offset - limit))}
        >
          ← Previous
        </Button>
        <span className="pager__page">
          Page {formatNumber(page)}
          {exact ? ` of ${formatNumber(pages)}` : ''}
        </span>
        <Button
          variant="secondary"
          size="small"
          disabled={exact && last >= total}
          onClick={() => onChange(offset + limit)}
        >
          Next →
        </Button>
      </div>
    </nav>
  );
}
