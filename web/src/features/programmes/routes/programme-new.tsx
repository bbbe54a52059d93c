import { useNavigate } from 'react-router';
import { PageHeader } from '../../../components/page';
import { useCreateProgramme } from '../api/create-programme';
import { ProgrammeWizard } from '../components/programme-wizard';

export function Component() {
  const create = useCreateProgramme();
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="New programme"
        description="It starts as a draft: nobody sees it until you open enrolment."
      />
      <ProgrammeWizard
        busy={create.isPending}
        error={create.error}
        submitLabel="Create programme"
        onSubmit={(input) => create.mutate(input, { onSuccess: (p) => navigate(`/programmes/${p.id}`) })}
      />
    </>
  );
}
