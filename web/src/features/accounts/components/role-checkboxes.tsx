import { CheckboxField, Fieldset } from '../../../components/field';
import { roleLabels } from '../../../lib/format';
import { type Role, roles } from '../../../lib/types';

export const roleHints: Record<Role, string> = {
  org_admin: 'Accounts, roles, people data and settings.',
  programme_manager: 'Creates and runs programmes; imports people; sets topics.',
  participant: 'Enrols in programmes, meets, keeps notes, gives feedback.',
  sponsor: 'Reads outcome reports; never private notes.',
};

export function RoleCheckboxes({
  legend,
  value,
  onChange,
  error,
  compact,
}: {
  legend: string;
  value: Role[];
  onChange: (roles: Role[]) => void;
  error?: string | undefined;
  compact?: boolean;
}) {
  return (
    <Fieldset legend={legend} error={error} className={compact ? 'fieldset--inline' : undefined}>
      <div className={compact ? 'checks-inline' : 'stack stack--tight'}>
        {roles.map((r) => (
          <CheckboxField
            key={r}
            label={roleLabels[r]}
            hint={compact ? undefined : roleHints[r]}
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />
        ))}
      </div>
    </Fieldset>
  );
}
