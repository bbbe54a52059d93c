// Column names of the people exports and reports of common HR systems, as their
// documentation and standard reports name them. A file whose header matches a preset
// best maps through it without a manual step; anything a preset leaves out falls back
// to the generic names in import-columns.ts.
import type { ImportField } from './import-columns.js';

export interface ImportPreset {
  id: string;
  name: string;
  /** Header as the system writes it -> Twoway field. The first column found for a field wins. */
  columns: Record<string, ImportField>;
}

export const importPresets: readonly ImportPreset[] = [
  {
    id: 'bamboohr',
    name: 'BambooHR',
    columns: {
      'Employee #': 'employee_id',
      'Employee Number': 'employee_id',
      'First Name': 'first_name',
      'Last Name': 'last_name',
      'Work Email': 'email',
      'Job Title': 'job_title',
      'Job Level': 'job_level',
      Department: 'department',
      Location: 'location',
      'Supervisor Email': 'manager',
      'Supervisor EID': 'manager',
      'Hire Date': 'hire_date',
      'Termination Date': 'leave_date',
      'Termination Reason': 'leave_reason',
      'Birth Date': 'birth_year',
    },
  },
  {
    id: 'workday',
    name: 'Workday',
    columns: {
      'Employee ID': 'employee_id',
      Worker: 'name',
      'Legal Name': 'name',
      'Legal First Name': 'first_name',
      'Legal Last Name': 'last_name',
      'Primary Work Email': 'email',
      'Business Title': 'job_title',
      'Management Level': 'job_level',
      'Supervisory Organization': 'department',
      Location: 'location',
      'Manager ID': 'manager',
      'Manager Email': 'manager',
      'Hire Date': 'hire_date',
      'Termination Date': 'leave_date',
      'Primary Termination Reason': 'leave_reason',
      'Date of Birth': 'birth_year',
    },
  },
  {
    id: 'hibob',
    name: 'HiBob',
    columns: {
      'Employee ID': 'employee_id',
      'First name': 'first_name',
      'Last name': 'last_name',
      'Display name': 'name',
      Email: 'email',
      'Job title': 'job_title',
      Level: 'job_level',
      Department: 'department',
      Site: 'location',
      'Reports to email': 'manager',
      'Reports to ID': 'manager',
      'Start date': 'hire_date',
      'Termination date': 'leave_date',
      'Termination reason': 'leave_reason',
      'Date of birth': 'birth_year',
    },
  },
  {
    id: 'personio',
    name: 'Personio',
    columns: {
      'Personnel number': 'employee_id',
      ID: 'employee_id',
      'First name': 'first_name',
      'Last name': 'last_name',
      Email: 'email',
      Position: 'job_title',
      Department: 'department',
      Office: 'location',
      'Supervisor email': 'manager',
      'Supervisor ID': 'manager',
      'Hire date': 'hire_date',
      'Termination date': 'leave_date',
      'Termination reason': 'leave_reason',
      Birthday: 'birth_year',
    },
  },
  {
    id: 'successfactors',
    name: 'SAP SuccessFactors',
    columns: {
      USERID: 'employee_id',
      FIRSTNAME: 'first_name',
      LASTNAME: 'last_name',
      EMAIL: 'email',
      TITLE: 'job_title',
      'PAY GRADE': 'job_level',
      DEPARTMENT: 'department',
      LOCATION: 'location',
      MANAGER: 'manager',
      TIMEZONE: 'time_zone',
      HIREDATE: 'hire_date',
    },
  },
  {
    id: 'rippling',
    name: 'Rippling',
    columns: {
      'Employee number': 'employee_id',
      'Legal first name': 'first_name',
      'Legal last name': 'last_name',
      'Employee name': 'name',
      'Work email': 'email',
      Title: 'job_title',
      Level: 'job_level',
      Department: 'department',
      'Work location': 'location',
      'Manager - Work email': 'manager',
      'Start date': 'hire_date',
      'End date': 'leave_date',
      'Termination reason': 'leave_reason',
    },
  },
];

const key = (h: string) => h.trim().toLowerCase();

/** The preset that recognises most of the header's columns (at least three), if any. */
export function presetForHeader(header: readonly string[]): ImportPreset | null {
  const cells = new Set(header.map(key));
  let best: ImportPreset | null = null;
  let bestHits = 2;
  for (const preset of importPresets) {
    const hits = Object.keys(preset.columns).filter((c) => cells.has(key(c))).length;
    if (hits > bestHits) {
      best = preset;
      bestHits = hits;
    }
  }
  return best;
}

/** The field a preset gives a header cell, compared without case or surrounding spaces. */
export function presetField(preset: ImportPreset, header: string): ImportField | undefined {
  const k = key(header);
  for (const [column, field] of Object.entries(preset.columns)) if (key(column) === k) return field;
  return undefined;
}
