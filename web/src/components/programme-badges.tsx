import { formatLabels, kindLabels, statusLabels } from '../lib/format';
import type { ProgrammeFormat, ProgrammeKind, ProgrammeStatus } from '../lib/types';
import { Badge, type Tone } from './badge';

const tones: Record<ProgrammeStatus, Tone> = {
  draft: 'neutral',
  enrolling: 'info',
  matching: 'warning',
  active: 'success',
  closed: 'neutral',
};

export function StatusBadge({ status }: { status: ProgrammeStatus }) {
  return <Badge tone={tones[status]}>{statusLabels[status]}</Badge>;
}

/** The kind of mentoring, and the format when it is not one-to-one (a peer pool, circles). */
export function KindBadge({
  kind,
  format = 'one_to_one',
}: {
  kind: ProgrammeKind;
  format?: ProgrammeFormat;
}) {
  return (
    <Badge tone="accent">
      {kindLabels[kind]} mentoring{format === 'one_to_one' ? '' : ` · ${formatLabels[format]}`}
    </Badge>
  );
}
