import { kindLabels, statusLabels } from '../lib/format';
import type { ProgrammeKind, ProgrammeStatus } from '../lib/types';
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

export function KindBadge({ kind }: { kind: ProgrammeKind }) {
  return <Badge tone="accent">{kindLabels[kind]} mentoring</Badge>;
}
