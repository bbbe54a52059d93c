// Import people from an HR export. Check first, then import; the report lists every
// problem by row and column, and a file with any bad row changes nothing unless the
// admin chooses to skip invalid rows.
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { CheckboxField, TextArea } from '../../../components/field';
import { Card, PageHeader } from '../../../components/page';
import { Alert } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { useImportPeople } from '../api/import-people';
import { ImportReport } from '../components/import-report';

const columns: [string, string][] = [
  ['name', 'Full name (required)'],
  [
    'email',
    'Work email (required); people are matched by employee id, then email, so re-importing updates them',
  ],
  ['job_level', 'A number, 1 for the most junior (required)'],
  ['employee_id', 'Your HR system’s id'],
  ['job_title, department, location', 'Free text'],
  ['manager', 'The manager’s email or employee id (for reporting lines)'],
  ['time_zone', 'Like Europe/Berlin (default UTC)'],
  ['languages', 'Codes such as en;de'],
  ['hire_date, leave_date', 'Dates like 2024-03-31; leave_reason for leavers'],
  [
    'birth_year, career_stage',
    'For cross-generation pairs; career_stage is early_career, mid_career, senior or executive',
  ],
];

const maxBytes = 64 * 1024 * 1024;

export function Component() {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();
  const run = useImportPeople();

  const readFile = async (file: File | undefined) => {
    setFileError(undefined);
    run.reset();
    if (!file) return;
    if (file.size > maxBytes) {
      setFileError('is larger than 64 MB; split it into smaller files');
      return;
    }
    setFileName(file.name);
    setCsv(await file.text());
  };

  const submit = (dryRun: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (!csv.trim()) {
      setFileError('choose a CSV file or paste its contents');
      return;
    }
    run.mutate({ csv, skipInvalid, dryRun });
  };

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/people">← People</Link>}
        title="Import people"
        description="Upload an export from your HR system. Check it first: nothing changes until you import."
      />
      <div className="grid grid--sidebar-right">
        <Card title="Your file">
          <form className="stack" onSubmit={submit(false)} noValidate aria-label="Import people">
            <div className={`field${fileError ? ' field--invalid' : ''}`}>
              <label htmlFor="csv-file" className="field__label">
                CSV file
              </label>
              <p className="field__hint" id="csv-file-hint">
                A header row, then one person per row. Comma separated, UTF-8.
              </p>
              <input
                id="csv-file"
                type="file"
                accept=".csv,text/csv"
                className="input input--file"
                aria-describedby={`csv-file-hint${fileError ? ' csv-file-error' : ''}`}
                aria-invalid={fileError ? true : undefined}
                onChange={(e) => readFile(e.target.files?.[0])}
              />
              {fileError ? (
                <p className="field__error" id="csv-file-error">
                  <span aria-hidden="true">⚠ </span>
                  {fileError}
                </p>
              ) : null}
            </div>
            <details className="details">
              <summary>Or paste the rows</summary>
              <TextArea
                label="CSV contents"
                rows={8}
                spellCheck={false}
                className="mono"
                value={csv}
                onChange={(e) => {
                  setCsv(e.target.value);
                  setFileName(null);
                  run.reset();
                }}
              />
            </details>
            {fileName ? <p className="small muted">Loaded {fileName}.</p> : null}
            <CheckboxField
              label="Skip invalid rows and import the rest"
              hint="Otherwise a file with any problem changes nothing."
              checked={skipInvalid}
              onChange={(e) => setSkipInvalid(e.target.checked)}
            />
            <div className="actions">
              <Button
                variant="secondary"
                onClick={() => submit(true)()}
                busy={run.isPending && run.variables?.dryRun === true}
              >
                Check the file
              </Button>
              <Button type="submit" busy={run.isPending && run.variables?.dryRun === false}>
                Import people
              </Button>
            </div>
          </form>
        </Card>
        <Card title="Columns Twoway reads">
          <dl className="columns-help">
            {columns.map(([name, text]) => (
              <div key={name}>
                <dt>
                  <code>{name}</code>
                </dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
          <p className="small muted">Other columns are ignored and listed in the report.</p>
        </Card>
      </div>
      {run.isError ? <Alert title="The file could not be sent">{messageOf(run.error)}</Alert> : null}
      {run.data ? <ImportReport report={run.data} /> : null}
    </>
  );
}
