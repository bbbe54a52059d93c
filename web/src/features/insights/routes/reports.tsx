// Outcome reports for sponsors and managers arrive with programme health; until then, say so.
import { PageHeader } from '../../../components/page';
import { EmptyState } from '../../../components/states';

export function Component() {
  return (
    <>
      <PageHeader
        title="Reports"
        description="Momentum, satisfaction, learning in both directions and retention, for every programme."
      />
      <EmptyState title="No reports yet">
        <p>
          Reports appear once a programme is active and enough people have taken part (small groups are never
          shown).
        </p>
      </EmptyState>
    </>
  );
}
