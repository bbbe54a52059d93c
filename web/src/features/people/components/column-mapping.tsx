// The mapping step of an import: each column of the file beside the Twoway field it
// feeds (proposed by the server, corrected here), a preview of the first rows, the date
// format where the file is ambiguous and a level for each grade name.
import { SelectField, TextField } from '../../../components/field';
import { TableWrap } from '../../../components/page';
import type { ColumnMapping, DateFormat, ImportPreview } from '../../../lib/types';

export const fieldLabels: Record<string, string> = {
  name: 'Full name',
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  employee_id: 'Employee id',
  manager: 'Manager (email or employee id)',
  job_title: 'Job title',
  job_level: 'Level or grade',
  department: 'Department',
  location: 'Location',
  time_zone: 'Time zone',
  languages: 'Languages',
  hire_date: 'Hire date',
  leave_date: 'Leave date',
  leave_reason: 'Leave reason',
  birth_year: 'Birth year (or date)',
  career_stage: 'Career stage',
};

/** The field a column feeds under this mapping, or '' when it is ignored. */
export const fieldOfColumn = (mapping: ColumnMapping, column: string) =>
  Object.entries(mapping).find(([, c]) => c === column)?.[0] ?? '';

/** The mapping with `column` feeding `field` ('' ignores the column); a field has one column. */
export function withColumn(mapping: ColumnMapping, column: string, field: string): ColumnMapping {
  // Rebuilt from entries: the select offers only the server's field names (preview.fields).
  const kept = Object.entries(mapping).filter(([f, c]) => c !== column && f !== field);
  return Object.fromEntries(field ? [...kept, [field, column]] : kept);
}

const sourceText: Record<ImportPreview['mappingSource'], string> = {
  saved: 'Mapped as you saved it for this header.',
  preset: 'Mapped through the preset for this HR system.',
  columns: 'Mapped from the column names; check each one.',
  given: 'Mapped as given.',
};

const delimiterName: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function ColumnMappingStep({
  preview,
  mapping,
  onMapping,
  dateFormat,
  onDateFormat,
  grades,
  onGrade,
}: {
  preview: ImportPreview;
  mapping: ColumnMapping;
  onMapping: (mapping: ColumnMapping) => void;
  dateFormat: DateFormat | '';
  onDateFormat: (format: DateFormat | '') => void;
  grades: Record<string, string>;
  onGrade: (grade: string, level: string) => void;
}) {
  const read =
    preview.format === 'xlsx'
      ? `Read sheet “${preview.sheet}” of the workbook`
      : `Read as ${preview.encoding?.toUpperCase()}, ${delimiterName[preview.delimiter ?? ','] ?? 'comma'}-separated`;
  return (
    <section className="stack" aria-labelledby="mapping-heading">
      <h2 id="mapping-heading" className="section-title">
        Columns
      </h2>
      <p className="small">
        {read}; {preview.rows} {preview.rows === 1 ? 'row' : 'rows'}.{' '}
        {preview.preset ? `Recognised as a ${preview.preset.name} export. ` : ''}
        {sourceText[preview.mappingSource]}
      </p>
      <TableWrap label="Columns of the file">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Twoway field</th>
              <th scope="col">First values</th>
            </tr>
          </thead>
          <tbody>
            {preview.header.map((column, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: header cells may repeat; a column is its position
              <tr key={i}>
                <th scope="row">{column}</th>
                <td>
                  <SelectField
                    label={`Field for ${column}`}
                    hideLabel
                    value={fieldOfColumn(mapping, column)}
                    onChange={(e) => onMapping(withColumn(mapping, column, e.target.value))}
                  >
                    <option value="">Ignore this column</option>
                    {preview.fields.map((f) => (
                      <option key={f} value={f}>
                        {fieldLabels[f] ?? f}
                      </option>
                    ))}
                  </SelectField>
                </td>
                <td className="small muted">
                  {preview.preview
                    .slice(0, 3)
                    .map((row) => row[i] ?? '')
                    .filter(Boolean)
                    .join(' · ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
      <SelectField
        label="Date format"
        hint={
          preview.dateFormatNeeded
            ? 'Dates such as 01/02/2020 could be day first or month first: choose how this file writes them.'
            : 'Found in the file; change it only if dates come out wrong.'
        }
        error={preview.dateFormatNeeded && !dateFormat ? 'choose a date format' : undefined}
        value={dateFormat}
        onChange={(e) => onDateFormat(e.target.value as DateFormat | '')}
      >
        <option value="">{preview.dateFormat ? `As found (${preview.dateFormat})` : 'As found'}</option>
        {preview.dateFormats.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </SelectField>
      {preview.grades.length > 0 ? (
        <fieldset className="stack">
          <legend className="field__label">Levels for grade names</legend>
          <p className="field__hint">
            Give each grade a level, 1 for the most junior; they are saved for next time.
          </p>
          {preview.grades.map(({ grade }) => (
            <TextField
              key={grade}
              label={`Level for ${grade}`}
              inputMode="numeric"
              value={grades[grade] ?? ''}
              onChange={(e) => onGrade(grade, e.target.value)}
            />
          ))}
        </fieldset>
      ) : null}
    </section>
  );
}
