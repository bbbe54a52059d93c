import { Link, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page';
import { ErrorState, Loading } from '../../../components/states';
import { useProgramme } from '../api/get-programme';
import { useUpdateProgramme } from '../api/update-programme';
import { ProgrammeWizard } from '../components/programme-wizard';

export function Component() {
  const { programmeId } = useParams();
  const programme = useProgramme(programmeId);
  const update = useUpdateProgramme();
  const navigate = useNavigate();
  if (programme.isPending) return <Loading />;
  if (programme.isError) return <ErrorState error={programme.error} retry={() => programme.refetch()} />;
  const p = programme.data;
  return (
    <>
      <PageHeader
        eyebrow={<Link to={`/programmes/${p.id}`}>← {p.name}</Link>}
        title={`Edit ${p.name}`}
        description="Changes apply to the next matching run."
      />
      <ProgrammeWizard
        key={p.id}
        programme={p}
        busy={update.isPending}
        error={update.error}
        submitLabel="Save changes"
        onSubmit={(input) =>
          update.mutate(
            { id: p.id, version: p.version, ...input },
            { onSuccess: () => navigate(`/programmes/${p.id}`) },
          )
        }
      />
    </>
  );
}
