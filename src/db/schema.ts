// The one Drizzle schema, shared by PGlite and PostgreSQL. Every tenant-owned
// table carries org_id; queries are always scoped by it.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** Smallest group an aggregate report may describe. */
  minReportGroupSize: integer('min_report_group_size').notNull().default(5),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    employeeId: text('employee_id'),
    name: text('name').notNull(),
    email: text('email').notNull(),
    jobTitle: text('job_title'),
    jobLevel: integer('job_level').notNull(),
    department: text('department'),
    managerId: uuid('manager_id'),
    location: text('location'),
    timeZone: text('time_zone').notNull().default('UTC'),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    hireDate: date('hire_date'),
    birthYear: integer('birth_year'),
    careerStage: text('career_stage'),
    leaveDate: date('leave_date'),
    leaveReason: text('leave_reason'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    foreignKey({ columns: [t.managerId], foreignColumns: [t.id] }).onDelete('set null'),
    uniqueIndex('people_org_email_idx').on(t.orgId, sql`lower(${t.email})`),
    uniqueIndex('people_org_employee_id_idx').on(t.orgId, t.employeeId),
    index('people_org_name_idx').on(t.orgId, sql`lower(${t.name})`, t.id),
    index('people_manager_idx').on(t.managerId),
    check('people_job_level_range', sql`${t.jobLevel} between 1 and 20`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('accounts_email_idx').on(sql`lower(${t.email})`), index('accounts_org_idx').on(t.orgId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_email_at_idx').on(sql`lower(${t.email})`, t.at)],
);

export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    category: text('category').notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('topics_org_name_idx').on(t.orgId, sql`lower(${t.name})`)],
);

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    description: text('description'),
    goals: text('goals').array().notNull().default(sql`'{}'::text[]`),
    cohortStart: date('cohort_start').notNull(),
    cohortEnd: date('cohort_end').notNull(),
    meetingCadence: text('meeting_cadence').notNull(),
    defaultMentorCapacity: integer('default_mentor_capacity').notNull().default(1),
    matchingSettings: jsonb('matching_settings').notNull().default({}),
    status: text('status').notNull().default('draft'),
    createdBy: uuid('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('programmes_org_idx').on(t.orgId, t.status),
    check('programmes_kind', sql`${t.kind} in ('conventional', 'reverse', 'mutual')`),
    check('programmes_status', sql`${t.status} in ('draft', 'enrolling', 'matching', 'active', 'closed')`),
    check('programmes_dates', sql`${t.cohortEnd} >= ${t.cohortStart}`),
  ],
);

export const programmeTopics = pgTable(
  'programme_topics',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'restrict' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.topicId] })],
);

export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    /** [{ topicId, proficiency 1-5 }] */
    offers: jsonb('offers').notNull().default([]),
    /** [{ topicId, priority 1-3 }] */
    seeks: jsonb('seeks').notNull().default([]),
    goals: text('goals').notNull().default(''),
    /** [{ day 1-7, start, end }] minutes after midnight in the person's time zone */
    availability: jsonb('availability').notNull().default([]),
    capacity: integer('capacity').notNull().default(0),
    /** { preferredMentorIds, preferDifferentDepartment, note } */
    preferences: jsonb('preferences').notNull().default({}),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    status: text('status').notNull().default('active'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrolments_programme_person_idx').on(t.programmeId, t.personId),
    index('enrolments_org_person_idx').on(t.orgId, t.personId),
    check('enrolments_role', sql`${t.role} in ('mentor', 'mentee', 'both')`),
    check('enrolments_status', sql`${t.status} in ('active', 'withdrawn')`),
    check('enrolments_capacity', sql`${t.capacity} between 0 and 50`),
  ],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    actorAccountId: uuid('actor_account_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    details: jsonb('details').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_at_idx').on(t.orgId, t.at)],
);

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});
