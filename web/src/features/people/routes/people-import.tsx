// Import people from an HR export as it comes (CSV in any common encoding, or .xlsx).
// The file is read first: its columns, mapped to Twoway fields, can be corrected and are
// saved for the next file with the same header. Check, then import; the report lists every
// problem by row and column, and a file with any bad row changes nothing unless the admin
// chooses to skip invalid rows.
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { CheckboxField, SelectField, TextArea } from '../../../components/field';
import { Card, PageHeader } from '../../../components/page';
import { Alert } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import type { ColumnMapping, DateFormat, ImportPreview } from '../../../lib/types';
import { previewImport, type Upload, useImportPeople } from '../api/import-people';
import { ColumnMappingStep } from '../components/column-mapping';
import { ImportReport } from '../components/import-report';

const columns: [string, string][] = [
  ['name', 'Full name, or first and last name columns (required)'],
  [
    'email',
    'Work email (required); people are matched by employee id, then email, so re-importing updates them',
  ],
  ['job_level', 'A number, 1 for the most junior, or a grade name you give a level once (required)'],
  ['employee_id', 'Your HR system’s id'],
  ['job_title, department, location', 'Free text'],
  ['manager', 'The manager’s email or employee id (for reporting lines)'],
  ['time_zone', 'Like Europe/Berlin (default UTC)'],
  ['languages', 'Codes such as en;de'],
  [
    'hire_date, leave_date',
    'Dates like 2024-03-31, 31.03.2024, 31/03/2024 or 03/31/2024; leave_reason for leavers',
  ],
  [
    'birth_year, career_stage',
    'For cross-generation pairs; career_stage is early_career, mid_career, senior or executive',
  ],
];

// The server takes up to 1 KB a row at its row cap (200,000 rows by default).
const maxBytes = 200 * 1024 * 1024;

const sameMapping = (a: ColumnMapping, b: ColumnMapping) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

export function Component() {
  const [upload, setUpload] = useState<Upload | null>(null);
  const [pasted, setPasted] = useState('');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [fileError, setFileError] = useState<string | undefined>();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | undefined>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [dateFormat, setDateFormat] = useState<DateFormat | ''>('');
  const [sheet, setSheet] = useState<string | undefined>();
  const [grades, setGrades] = useState<Record<string, string>>({});
  const run = useImportPeople();
  const [startedAt, setStartedAt] = useState<string>();

  // Read the columns whenever the file, its sheet or its date format changes.
  useEffect(() => {
    if (!upload) return;
    let current = true;
    setPreviewError(undefined);
    previewImport(upload, { dateFormat: dateFormat || undefined, sheet }).then(
      (p) => {
        if (!current) return;
        setPreview(p);
        setMapping(p.mapping);
        setGrades((g) => ({
          ...Object.fromEntries(
            p.grades.filter((x) => x.level !== null).map((x) => [x.grade, String(x.level)]),
          ),
          ...g,
        }));
      },
      (err) => {
        if (!current) return;
        setPreview(null);
        setPreviewError(messageOf(err));
      },
    );
    return () => {
      current = false;
    };
  }, [upload, dateFormat, sheet]);

  const choose = (next: Upload | null) => {
    run.reset();
    setPreview(null);
    setMapping({});
    setDateFormat('');
    setSheet(undefined);
    setUpload(next);
  };

  const readFile = (file: File | undefined) => {
    setFileError(undefined);
    if (!file) return;
    if (file.size > maxBytes) {
      setFileError('is larger than 200 MB; split it into smaller files');
      return;
    }
    setPasted('');
    choose({ body: file, name: file.name });
  };

  const submit = (dryRun: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    if (!upload) {
      setFileError('choose a CSV or .xlsx file, or paste its contents');
      return;
    }
    const levels = Object.fromEntries(
      Object.entries(grades)
        .filter(([, v]) => v.trim() !== '' && Number.isInteger(Number(v)))
        .map(([g, v]) => [g, Number(v)]),
    );
    const corrected =
      preview &&
      (!sameMapping(mapping, preview.mapping) || (dateFormat && preview.mappingSource !== 'saved'));
    // The people this run adds were created after this moment; two minutes earlier allows for a
    // browser clock a little ahead of the server's.
    if (!dryRun) setStartedAt(new Date(Date.now() - 120_000).toISOString());
    run.mutate({
      upload,
      skipInvalid,
      dryRun,
      dateFormat: dateFormat || undefined,
      sheet,
      grades: levels,
      save:
        preview && corrected
          ? { header: preview.header, mapping, dateFormat: dateFormat || null }
          : undefined,
    });
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
                A header row, then one person per row: an export from your HR system as it comes (CSV in any
                common encoding, or an Excel .xlsx workbook).
              </p>
              <input
                id="csv-file"
                type="file"
                accept=".csv,.txt,.xlsx,text/csv"
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
                value={pasted}
                onChange={(e) => setPasted(e.target.value)}
                onBlur={() => (pasted.trim() ? choose({ body: pasted, name: null }) : undefined)}
              />
            </details>
            {upload?.name ? <p className="small muted">Loaded {upload.name}.</p> : null}
            {preview && preview.sheets.length > 1 ? (
              <SelectField
                label="Sheet"
                value={preview.sheet ?? ''}
                onChange={(e) => setSheet(e.target.value)}
              >
                {preview.sheets.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </SelectField>
            ) : null}
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
          <p className="small muted">
            Exports of BambooHR, Workday, HiBob, Personio, SAP SuccessFactors and Rippling map by themselves.
            Other columns can be mapped in the next step, or are ignored and listed in the report.
          </p>
        </Card>
      </div>
      {previewError ? <Alert title="The file could not be read">{previewError}</Alert> : null}
      {preview ? (
        <Card title="Map the columns">
          <ColumnMappingStep
            preview={preview}
            mapping={mapping}
            onMapping={setMapping}
            dateFormat={dateFormat}
            onDateFormat={setDateFormat}
            grades={grades}
            onGrade={(grade, level) => setGrades((g) => ({ ...g, [grade]: level }))}
          />
        </Card>
      ) : null}
      {run.isError ? <Alert title="The file could not be sent">{messageOf(run.error)}</Alert> : null}
      {run.data ? <ImportReport report={run.data} inviteSince={startedAt} /> : null}
    </>
  );
}
