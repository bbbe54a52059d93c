// The one Drizzle schema, shared by PGlite and PostgreSQL. Every tenant-owned
// table carries org_id; queries are always scoped by it.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
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
import type { Role } from '../identity/actor.js';
import type { RunTotals, StoredCircle } from '../matches/group-runs.js';
import type { RunMode, RunStatus } from '../matches/load-cohort.js';
import type { PairRuleKind } from '../matches/pair-rules.js';
import type {
  CircleNotFormed,
  CircleUnplaced,
  MatchedPair,
  MatchSettingsInput,
  Objective,
  PeerGroup,
  PeerLeftOut,
  ProgrammeKind,
  UnmatchedPerson,
} from '../matching/index.js';
import type {
  EnrolmentRole,
  EnrolmentStatus,
  Offer,
  Preferences,
  Seek,
  Slot,
} from '../programmes/enrolments.js';
import type { ProgrammeStatus } from '../programmes/lifecycle.js';
import type { Cadence } from '../programmes/programmes.js';
import type { TopicCategory } from '../programmes/topics.js';
import type { MatchResponse, RelationshipStatus, Side } from '../relationships/access.js';
import type { ActionKind, ActionStatus } from '../relationships/actions.js';
import type { Agenda } from '../relationships/agendas.js';
import type { AgreementGoal, Channel } from '../relationships/agreements.js';
import type { Talking } from '../relationships/feedback.js';
import type { JourneyKind } from '../relationships/journeys.js';
import type { MeetingStatus } from '../relationships/meetings.js';
import type { NoteVisibility } from '../relationships/notes.js';
import type { Mood, YesMaybeNo } from '../relationships/relationships.js';

export type ProgrammeFormat = 'one_to_one' | 'peer' | 'circles';
export type RelationshipFormat = 'pair' | 'peer' | 'circle';
export type MemberRole = 'facilitator' | 'member' | 'peer';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** The owning organisation of a tenant-owned row; its rows go with it. */
const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' });
/** The relationship a row belongs to; its rows go with it. */
const relationshipId = () =>
  uuid('relationship_id')
    .notNull()
    .references(() => relationships.id, { onDelete: 'cascade' });
/** The programme a row belongs to; its rows go with it. */
const programmeId = () =>
  uuid('programme_id')
    .notNull()
    .references(() => programmes.id, { onDelete: 'cascade' });
/** A person the row is about or by (named by `column`); the row goes when the person is erased. */
const personRef = (column: string) =>
  uuid(column)
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' });

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
    orgId: orgId(),
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

/**
 * What a search of people reads (decision 085): per person, the name's sort key and the text a
 * search matches (lower-cased name, email and job title), with the other fields a search filters
 * by. Kept by triggers on people (migration 0025); a person's row goes with them. A page of a
 * search walks the organisation's names on one index, testing each entry without reading a row,
 * and then reads its 50 people by id.
 */
export const peopleSearch = pgTable(
  'people_search',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    /** lower(name): the people list's order. */
    nameKey: text('name_key').notNull(),
    searchText: text('search_text').notNull(),
    employeeId: text('employee_id'),
    department: text('department'),
    /** No leave date. */
    current: boolean('current').notNull(),
  },
  (t) => [
    // Every column a search tests, so that walking the names is an index-only scan.
    index('people_search_walk_idx').on(
      t.orgId,
      t.nameKey,
      t.personId,
      t.searchText,
      t.employeeId,
      t.department,
      t.current,
    ),
    index('people_search_employee_id_idx').on(t.orgId, t.employeeId),
    // Substring search over name, email and title (counts, and pages of rare words), in two
    // parts: current people, what a search reads by default, and leavers. Where a quarter of
    // the organisation has left, a search of current people checks a quarter fewer candidates.
    index('people_search_current_trgm_idx')
      .using('gin', sql`${t.searchText} gin_trgm_ops`)
      .where(sql`${t.current}`),
    index('people_search_left_trgm_idx')
      .using('gin', sql`${t.searchText} gin_trgm_ops`)
      .where(sql`not ${t.current}`),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    personId: uuid('person_id').references(() => people.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().$type<Role[]>().notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** When a link sent to the email was followed; an account is used only once its email is proven. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One email may have an account in several organisations, once in each (decision 047).
    uniqueIndex('accounts_org_email_idx').on(t.orgId, sql`lower(${t.email})`),
    index('accounts_email_idx').on(sql`lower(${t.email})`),
    index('accounts_person_idx').on(t.personId),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    /** How the owner names a session to end it; never the token. */
    id: uuid('id').notNull().unique().defaultRandom(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    /** The browser that signed in, shown to the owner in their list of sessions. */
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/** Single-use links sent by email (password reset); only the SHA-256 of the token is kept. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose').$type<'password_reset' | 'email_verification'>().notNull(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('account_tokens_account_idx').on(t.accountId, t.purpose)],
);

/**
 * One row per throttled key (`email:<address>`): every attempt is counted here before its
 * password is checked, in one atomic upsert, so the limit holds across processes.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  /** Attempts since the last success (or since the row was forgotten). */
  attempts: integer('attempts').notNull(),
  /** No attempt is checked before this moment. */
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull(),
});

/** Fixed-window request counters behind @fastify/rate-limit, shared by every web process. */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});

export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text('name').notNull(),
    category: text('category').$type<TopicCategory>().notNull(),
    description: text('description'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('topics_org_name_idx').on(t.orgId, sql`lower(${t.name})`)],
);

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text('name').notNull(),
    kind: text('kind').$type<ProgrammeKind>().notNull(),
    /** one_to_one: mentors and mentees; peer: one pool where everyone teaches and learns; circles: groups with facilitators. */
    format: text('format').$type<ProgrammeFormat>().notNull().default('one_to_one'),
    description: text('description'),
    goals: text('goals').array().notNull().default(sql`'{}'::text[]`),
    cohortStart: date('cohort_start').notNull(),
    cohortEnd: date('cohort_end').notNull(),
    meetingCadence: text('meeting_cadence').$type<Cadence>().notNull(),
    defaultMentorCapacity: integer('default_mentor_capacity').notNull().default(1),
    matchingSettings: jsonb('matching_settings').$type<MatchSettingsInput>().notNull().default({}),
    status: text('status').$type<ProgrammeStatus>().notNull().default('draft'),
    createdBy: uuid('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('programmes_org_idx').on(t.orgId, t.status),
    check('programmes_kind', sql`${t.kind} in ('conventional', 'reverse', 'mutual')`),
    check('programmes_format', sql`${t.format} in ('one_to_one', 'peer', 'circles')`),
    check('programmes_peer_is_mutual', sql`${t.format} <> 'peer' or ${t.kind} = 'mutual'`),
    check('programmes_status', sql`${t.status} in ('draft', 'enrolling', 'matching', 'active', 'closed')`),
    check('programmes_dates', sql`${t.cohortEnd} >= ${t.cohortStart}`),
  ],
);

export const programmeTopics = pgTable(
  'programme_topics',
  {
    programmeId: programmeId(),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'restrict' }),
    orgId: orgId(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.topicId] })],
);

export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    personId: personRef('person_id'),
    role: text('role').$type<EnrolmentRole>().notNull(),
    /** [{ topicId, proficiency 1-5 }] */
    offers: jsonb('offers').$type<Offer[]>().notNull().default([]),
    /** [{ topicId, priority 1-3 }] */
    seeks: jsonb('seeks').$type<Seek[]>().notNull().default([]),
    goals: text('goals').notNull().default(''),
    /** [{ day 1-7, start, end }] minutes after midnight in the person's time zone */
    availability: jsonb('availability').$type<Slot[]>().notNull().default([]),
    capacity: integer('capacity').notNull().default(0),
    /** { preferredMentorIds, preferDifferentDepartment, note } */
    preferences: jsonb('preferences').$type<Preferences>().notNull().default(sql`'{}'::jsonb`),
    consentAt: timestamp('consent_at', { withTimezone: true }).notNull(),
    status: text('status').$type<EnrolmentStatus>().notNull().default('active'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrolments_programme_person_idx').on(t.programmeId, t.personId),
    index('enrolments_org_person_idx').on(t.orgId, t.personId),
    // Programme lists count enrolments by role from this alone (an index-only scan).
    index('enrolments_programme_status_role_idx').on(t.programmeId, t.status, t.role),
    check('enrolments_role', sql`${t.role} in ('mentor', 'mentee', 'both')`),
    check('enrolments_status', sql`${t.status} in ('active', 'withdrawn')`),
    check('enrolments_capacity', sql`${t.capacity} between 0 and 50`),
  ],
);

/**
 * Active enrolments per programme, kept by statement-level triggers on enrolments (decision 082):
 * programme lists read these rows instead of counting every enrolment. No row: none enrolled.
 */
export const programmeEnrolmentCounts = pgTable('programme_enrolment_counts', {
  programmeId: uuid('programme_id')
    .primaryKey()
    .references(() => programmes.id, { onDelete: 'cascade' }),
  orgId: orgId(),
  /** Active enrolments. */
  people: integer('people').notNull().default(0),
  /** Active enrolments that mentor (role mentor or both). */
  mentors: integer('mentors').notNull().default(0),
  /** Active enrolments that are mentored (role mentee or both). */
  mentees: integer('mentees').notNull().default(0),
});

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').references(() => organisations.id, { onDelete: 'cascade' }),
    actorAccountId: uuid('actor_account_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_at_idx').on(t.orgId, t.at)],
);

export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

// ---------------------------------------------------------------------------
// Matching runs and mentoring relationships (issue 4). Appended; nothing above changes.
// ---------------------------------------------------------------------------

/** A stored matching run: draft until one is published; pairs and explanations as the engine gave them. */
export const matchRuns = pgTable(
  'match_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    /** full: the whole cohort (programme in matching); rematch: people without a live relationship. */
    mode: text('mode').$type<RunMode>().notNull().default('full'),
    /** The programme's format when run: one-to-one pairs, peer groups, or circles. */
    format: text('format').$type<ProgrammeFormat>().notNull().default('one_to_one'),
    status: text('status').$type<RunStatus>().notNull().default('draft'),
    /** Every setting the run used (the engine's settings, defaults filled in), so it can be run again from its record. Runs made before migration 0005 hold only the settings they were given. */
    settings: jsonb('settings').$type<MatchSettingsInput>().notNull().default({}),
    objective: text('objective').$type<Objective>().notNull(),
    /** Hash of everything the cohort was built from; a changed cohort makes the run stale. */
    cohortFingerprint: text('cohort_fingerprint').notNull(),
    /**
     * The programme's and the organisation's matching-input versions when the cohort was read
     * (matching_input_versions, decision 079): while both are unchanged, nothing the cohort is built
     * from changed and the fingerprint need not be computed again. Null: always compute it.
     */
    inputsVersion: text('inputs_version'),
    /** Pairs, peer groups or circles; and the unmatched, left out or not placed (the run's totals in a list). */
    pairCount: integer('pair_count').notNull().default(0),
    unmatchedCount: integer('unmatched_count').notNull().default(0),
    /** Peer and circles runs: the peer groups, or the circles with their plan's size range. */
    groups: jsonb('groups').$type<PeerGroup[] | StoredCircle[]>().notNull().default([]),
    /** Peer and circles runs: who is left out or not placed, and why. */
    leftOut: jsonb('left_out').$type<PeerLeftOut[] | CircleUnplaced[]>().notNull().default([]),
    /** Circles runs: the circles that could not reach their minimum, and why. */
    notFormed: jsonb('not_formed').$type<CircleNotFormed[]>().notNull().default([]),
    summary: jsonb('summary').$type<RunTotals>().notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [
    index('match_runs_programme_idx').on(t.orgId, t.programmeId, t.createdAt),
    check('match_runs_status', sql`${t.status} in ('draft', 'published', 'discarded')`),
    check('match_runs_mode', sql`${t.mode} in ('full', 'rematch')`),
    check('match_runs_format', sql`${t.format} in ('one_to_one', 'peer', 'circles')`),
  ],
);

/**
 * A one-to-one run's pairs and unmatched people, one row each in the engine's order, so that a page
 * of a run is read by position (decision 079).
 */
export const matchRunEntries = pgTable(
  'match_run_entries',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => matchRuns.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    list: text('list').$type<'pair' | 'unmatched'>().notNull(),
    position: integer('position').notNull(),
    /** A MatchedPair (list 'pair') or an UnmatchedPerson (list 'unmatched'). */
    entry: jsonb('entry').$type<MatchedPair | UnmatchedPerson>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.list, t.position] }),
    check('match_run_entries_list', sql`${t.list} in ('pair', 'unmatched')`),
  ],
);

/**
 * A counter per programme (scope: its id) and per organisation (scope: its id) that triggers raise
 * whenever something a matching cohort is built from changes (decision 079).
 */
export const matchingInputVersions = pgTable('matching_input_versions', {
  scopeId: uuid('scope_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

/** Pairs a manager locks (always made) or forbids (never made) in a programme. */
export const matchPairRules = pgTable(
  'match_pair_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    mentorId: personRef('mentor_id'),
    menteeId: personRef('mentee_id'),
    kind: text('kind').$type<PairRuleKind>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('match_pair_rules_pair_idx').on(t.programmeId, t.mentorId, t.menteeId),
    check('match_pair_rules_kind', sql`${t.kind} in ('locked', 'forbidden')`),
  ],
);

/** A mentee's ranking of shortlisted mentors, best first; it feeds the run as a preference. */
export const mentorRankings = pgTable(
  'mentor_rankings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    menteeId: personRef('mentee_id'),
    mentorIds: uuid('mentor_ids').array().notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mentor_rankings_mentee_idx').on(t.programmeId, t.menteeId)],
);

/**
 * A mentoring relationship in a programme. A pair has a mentor and a mentee; a peer pair has
 * two equals (mentor_id and mentee_id are the two people in id order, no seniority implied);
 * a circle (or a peer trio) has its people in relationship_members, mentor_id is its lead
 * (first facilitator, or first peer) and mentee_id is empty.
 */
export const relationships = pgTable(
  'relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    matchRunId: uuid('match_run_id').references(() => matchRuns.id, { onDelete: 'set null' }),
    mentorId: personRef('mentor_id'),
    menteeId: uuid('mentee_id').references(() => people.id, { onDelete: 'cascade' }),
    format: text('format').$type<RelationshipFormat>().notNull().default('pair'),
    /** A circle's name. */
    name: text('name'),
    /** A circle forms once this many members have accepted (with every facilitator). */
    minMembers: integer('min_members'),
    /** proposed -> active <-> paused -> closed; proposed -> declined | withdrawn. */
    status: text('status').$type<RelationshipStatus>().notNull().default('proposed'),
    mentorResponse: text('mentor_response').$type<MatchResponse>().notNull().default('pending'),
    menteeResponse: text('mentee_response').$type<MatchResponse>().notNull().default('pending'),
    /** { score, components, reasons } from the run that proposed the pair */
    score: jsonb('score').$type<{
      score: number;
      reasons: string[];
      components?: MatchedPair['components'];
    }>(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: uuid('closed_by'),
    lastCheckInAt: timestamp('last_check_in_at', { withTimezone: true }),
    /**
     * Start of the latest meeting held, kept by a trigger on meetings in the same statement
     * (docs/decisions/074): quiet pairs and the digest read it instead of the meetings.
     */
    lastHeldAt: timestamp('last_held_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('relationships_programme_idx').on(t.orgId, t.programmeId, t.status),
    // The engagement sweep finds unanswered proposals by age.
    index('relationships_proposed_idx').on(t.createdAt).where(sql`${t.status} = 'proposed'`),
    index('relationships_mentor_idx').on(t.mentorId, t.status),
    index('relationships_mentee_idx').on(t.menteeId, t.status),
    check(
      'relationships_status',
      sql`${t.status} in ('proposed', 'active', 'paused', 'closed', 'declined', 'withdrawn')`,
    ),
    check(
      'relationships_responses',
      sql`${t.mentorResponse} in ('pending', 'accepted', 'declined') and ${t.menteeResponse} in ('pending', 'accepted', 'declined')`,
    ),
    check('relationships_two_people', sql`${t.mentorId} <> ${t.menteeId}`),
    check('relationships_format', sql`${t.format} in ('pair', 'peer', 'circle')`),
    check('relationships_mentee_unless_circle', sql`(${t.format} = 'circle') = (${t.menteeId} is null)`),
  ],
);

/** Everyone in a circle or peer trio: role, answer to the proposal, signature of the agreement. */
export const relationshipMembers = pgTable(
  'relationship_members',
  {
    relationshipId: relationshipId(),
    orgId: orgId(),
    personId: personRef('person_id'),
    role: text('role').$type<MemberRole>().notNull(),
    response: text('response').$type<'pending' | 'accepted' | 'declined'>().notNull().default('pending'),
    /** When they signed the current agreement; a changed agreement clears it. */
    signedAt: timestamp('signed_at', { withTimezone: true }),
    /** Why the matching placed them here: topic fit and reasons. */
    fit: jsonb('fit').$type<{ topicFit: number; reasons: string[] }>(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.relationshipId, t.personId] }),
    index('relationship_members_person_idx').on(t.orgId, t.personId),
    check('relationship_members_role', sql`${t.role} in ('facilitator', 'member', 'peer')`),
    check('relationship_members_response', sql`${t.response} in ('pending', 'accepted', 'declined')`),
  ],
);

/** The circles a manager plans for a circles programme: focus topics, facilitators, size range. */
export const circlePlans = pgTable(
  'circle_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    name: text('name').notNull(),
    topicIds: uuid('topic_ids').array().notNull(),
    facilitatorIds: uuid('facilitator_ids').array().notNull(),
    minSize: integer('min_size').notNull(),
    maxSize: integer('max_size').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('circle_plans_programme_idx').on(t.orgId, t.programmeId),
    check(
      'circle_plans_sizes',
      sql`${t.minSize} between 1 and 50 and ${t.maxSize} between ${t.minSize} and 50`,
    ),
  ],
);

/** Why someone declined a proposed match: readable by its author and programme managers only. */
export const declineReasons = pgTable('decline_reasons', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: orgId(),
  relationshipId: relationshipId(),
  authorId: personRef('author_id'),
  reason: text('reason').notNull(),
  createdAt: createdAt(),
});

/** The mentoring agreement; editing it clears both signatures. */
export const agreements = pgTable('agreements', {
  relationshipId: uuid('relationship_id')
    .primaryKey()
    .references(() => relationships.id, { onDelete: 'cascade' }),
  orgId: orgId(),
  /** [{ learner: 'mentee' | 'mentor', text }] */
  goals: jsonb('goals').$type<AgreementGoal[]>().notNull(),
  cadence: text('cadence').$type<Cadence>().notNull(),
  channel: text('channel').$type<Channel>().notNull(),
  durationMonths: integer('duration_months').notNull(),
  meetingMinutes: integer('meeting_minutes').notNull().default(60),
  charter: text('charter').notNull(),
  noRetaliationPledge: text('no_retaliation_pledge'),
  confidentialContactId: uuid('confidential_contact_id').references(() => people.id, {
    onDelete: 'set null',
  }),
  mentorSignedAt: timestamp('mentor_signed_at', { withTimezone: true }),
  menteeSignedAt: timestamp('mentee_signed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    relationshipId: relationshipId(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    location: text('location'),
    /** scheduled -> held | cancelled */
    status: text('status').$type<MeetingStatus>().notNull().default('scheduled'),
    /** { template, title, items: [{ title, prompt, lead }] } */
    agenda: jsonb('agenda').$type<Agenda>().notNull(),
    /** RFC 5545 SEQUENCE: raised on every change the invitees should see. */
    sequence: integer('sequence').notNull().default(0),
    cancelledBy: uuid('cancelled_by'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    heldAt: timestamp('held_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('meetings_relationship_idx').on(t.relationshipId, t.startsAt),
    // The engagement sweep: meetings coming up or just past, and each pair's last meeting held.
    index('meetings_scheduled_idx').on(t.startsAt).where(sql`${t.status} = 'scheduled'`),
    index('meetings_held_idx').on(t.relationshipId, t.startsAt).where(sql`${t.status} = 'held'`),
    // The weekly digest counts the meetings held in the last seven days.
    index('meetings_held_recently_idx').on(t.startsAt, t.relationshipId).where(sql`${t.status} = 'held'`),
    check('meetings_status', sql`${t.status} in ('scheduled', 'held', 'cancelled')`),
    check('meetings_duration', sql`${t.durationMinutes} between 15 and 480`),
  ],
);

/** Notes: private (author only) or shared (both people in the relationship). */
export const notes = pgTable(
  'notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    relationshipId: relationshipId(),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
    authorId: personRef('author_id'),
    visibility: text('visibility').$type<NoteVisibility>().notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('notes_relationship_idx').on(t.relationshipId, t.createdAt),
    check('notes_visibility', sql`${t.visibility} in ('private', 'shared')`),
  ],
);

/** A person's journey: triumphs, struggles, mistakes and lessons, shared with chosen relationships. */
export const journeyEntries = pgTable(
  'journey_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    authorId: personRef('author_id'),
    kind: text('kind').$type<JourneyKind>().notNull(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    sharedWith: uuid('shared_with').array().notNull().default(sql`'{}'::uuid[]`),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('journey_entries_author_idx').on(t.orgId, t.authorId),
    check('journey_entries_kind', sql`${t.kind} in ('triumph', 'struggle', 'mistake', 'lesson')`),
  ],
);

/** What one person learned from the other, tagged by topic. */
export const learningEntries = pgTable(
  'learning_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    relationshipId: relationshipId(),
    learnerId: personRef('learner_id'),
    topicId: uuid('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    learnedOn: date('learned_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('learning_entries_relationship_idx').on(t.relationshipId, t.learnedOn)],
);

/**
 * A participant's rating of their own skill in one topic they seek (1-5 on anchored
 * descriptions) at enrolment, at the midpoint or at closing. Written once per phase; read only
 * by its author, and by everyone else only as aggregates through published snapshots.
 */
export const skillAssessments = pgTable(
  'skill_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    personId: personRef('person_id'),
    topicId: uuid('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
    phase: text('phase').$type<'enrolment' | 'midpoint' | 'closing'>().notNull(),
    rating: integer('rating').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('skill_assessments_answer_idx').on(t.programmeId, t.personId, t.topicId, t.phase),
    index('skill_assessments_programme_idx').on(t.orgId, t.programmeId, t.phase),
    check('skill_assessments_phase', sql`${t.phase} in ('enrolment', 'midpoint', 'closing')`),
    check('skill_assessments_rating', sql`${t.rating} between 1 and 5`),
  ],
);

/**
 * A rise in someone's job level, with the day it took effect. Recorded by a trigger whenever a
 * person's job level goes up (an HR import's grade change, SCIM, an edit), dated the day it was
 * recorded; HR history loaded with its own dates is inserted directly.
 */
export const promotions = pgTable(
  'promotions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    personId: personRef('person_id'),
    fromLevel: integer('from_level').notNull(),
    toLevel: integer('to_level').notNull(),
    effectiveOn: date('effective_on').notNull(),
    source: text('source').$type<'hr-data' | 'history'>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('promotions_person_idx').on(t.orgId, t.personId, t.effectiveOn),
    check('promotions_rise', sql`${t.toLevel} > ${t.fromLevel}`),
    check('promotions_source', sql`${t.source} in ('hr-data', 'history')`),
  ],
);

/** Goals and action items of a relationship, with owners and due dates. */
export const relationshipActions = pgTable(
  'relationship_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    relationshipId: relationshipId(),
    kind: text('kind').$type<ActionKind>().notNull(),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => people.id, { onDelete: 'set null' }),
    dueOn: date('due_on'),
    status: text('status').$type<ActionStatus>().notNull().default('open'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('relationship_actions_relationship_idx').on(t.relationshipId),
    check('relationship_actions_kind', sql`${t.kind} in ('goal', 'action')`),
    check('relationship_actions_status', sql`${t.status} in ('open', 'done', 'dropped')`),
  ],
);

/** One person's answers after one meeting: visible to the author only; managers see aggregates. */
export const meetingFeedback = pgTable(
  'meeting_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    authorId: personRef('author_id'),
    /** Which side the author is on in the relationship. */
    authorSide: text('author_side').$type<Side>().notNull(),
    /** The author's department when answering, so that published breakdowns never move. */
    authorDepartment: text('author_department'),
    value: integer('value').notNull(),
    heard: integer('heard').notNull(),
    talking: text('talking').$type<Talking>().notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('meeting_feedback_author_idx').on(t.meetingId, t.authorId),
    // Published figures read the answers since their last cutoff, then those people's earlier ones.
    index('meeting_feedback_programme_time_idx').on(t.orgId, t.programmeId, t.createdAt),
    index('meeting_feedback_person_idx').on(t.authorId),
    check('meeting_feedback_value', sql`${t.value} between 1 and 5 and ${t.heard} between 1 and 5`),
    check('meeting_feedback_talking', sql`${t.talking} in ('me', 'balanced', 'other')`),
  ],
);

/** A closing reflection by one person. */
export const closureReflections = pgTable(
  'closure_reflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    relationshipId: relationshipId(),
    authorId: personRef('author_id'),
    whatChanged: text('what_changed').notNull(),
    wouldDoAgain: text('would_do_again').$type<YesMaybeNo>().notNull(),
    wouldSwapRoles: text('would_swap_roles').$type<YesMaybeNo>().notNull(),
    sharedWithPartner: boolean('shared_with_partner').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('closure_reflections_author_idx').on(t.relationshipId, t.authorId)],
);

/** A light check-in that keeps a long relationship alive. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    relationshipId: relationshipId(),
    authorId: personRef('author_id'),
    mood: text('mood').$type<Mood>().notNull(),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('check_ins_relationship_idx').on(t.relationshipId, t.createdAt)],
);

/** Outgoing notifications, written in the same transaction as what caused them; a sender delivers them. */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    kind: text('kind').notNull(),
    recipientId: uuid('recipient_id').references(() => people.id, { onDelete: 'cascade' }),
    recipientEmail: text('recipient_email').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Optional calendar attachment. */
    ics: text('ics'),
    /** The template's data (src/notifications/templates): the email is rendered from it when sent, links included. */
    data: jsonb('data').$type<Record<string, unknown>>(),
    /** Deduplicates a notification queued twice for the same cause. */
    dedupeKey: text('dedupe_key'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    availableAt: timestamp('available_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** The body holds a single-use link: it is blanked once sent. */
    secret: boolean('secret').notNull().default(false),
    createdAt: createdAt(),
    /** Creation order (rows of one transaction share `created_at`): emails due at one moment go out in it. */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('notification_outbox_pending_idx').on(t.status, t.availableAt, t.seq),
    uniqueIndex('notification_outbox_dedupe_idx').on(t.orgId, t.dedupeKey),
    // skipped: the recipient chose not to have this kind by email (it stays in their notification centre).
    check('notification_outbox_status', sql`${t.status} in ('pending', 'sent', 'failed', 'skipped')`),
  ],
);

/** The in-app notification centre: one row per person per event, written with the outbox row. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    personId: personRef('person_id'),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** Where in the app it leads (a path), if anywhere. */
    path: text('path'),
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.personId, t.dedupeKey),
    index('notifications_person_idx').on(t.personId, t.createdAt),
    index('notifications_unread_idx').on(t.personId).where(sql`${t.readAt} is null`),
  ],
);

/** A person's choice of which kinds of notification reach them by email (all, unless listed here). */
export const notificationPreferences = pgTable('notification_preferences', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  orgId: orgId(),
  emailOff: text('email_off').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: updatedAt(),
});

/** Keys for signed links (the one-click unsubscribe), made on first use; installation-wide. */
export const signingKeys = pgTable('signing_keys', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: createdAt(),
});

/**
 * Every snapshot of a published table of aggregates (docs/decisions/040): what it covered
 * (answers up to `cutoff`), which cells it showed and their figures. Reads return the latest;
 * a new one is published only when the whole history stays safe against subtraction.
 */
export const publishedFigures = pgTable(
  'published_figures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    /** Which table, e.g. `feedback` or `closing-reflections`. */
    figure: text('figure').notNull(),
    seq: integer('seq').notNull(),
    /** A history that the check covers; a new one starts when the minimum changes or answers are erased. */
    epoch: integer('epoch').notNull(),
    cutoff: timestamp('cutoff', { withTimezone: true }).notNull(),
    minimumPeople: integer('minimum_people').notNull(),
    shown: jsonb('shown').$type<string[]>().notNull(),
    cells: jsonb('cells').$type<Record<string, unknown>>().notNull(),
    /**
     * Server-side running state of every cell up to the cutoff (distinct people and the sums
     * its figures are made of), so the next snapshot adds only what came after. Never served.
     */
    running: jsonb('running').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('published_figures_seq_idx').on(t.orgId, t.programmeId, t.figure, t.seq)],
);

/** A column mapping an admin confirmed for a file header, so the next file with that header maps itself. */
export const importMappings = pgTable(
  'import_mappings',
  {
    orgId: orgId(),
    /** sha256 of the header cells, trimmed and lower-cased, joined by newlines. */
    headerKey: text('header_key').notNull(),
    header: text('header').array().notNull(),
    mapping: jsonb('mapping').$type<Partial<Record<string, string>>>().notNull(),
    dateFormat: text('date_format'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.headerKey] })],
);

/** Job level for each grade name an organisation's files use ("Senior Manager" -> 7). */
export const gradeLevels = pgTable(
  'grade_levels',
  {
    orgId: orgId(),
    /** Trimmed and lower-cased. */
    grade: text('grade').notNull(),
    level: integer('level').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.grade] }),
    check('grade_levels_level_range', sql`${t.level} between 1 and 20`),
  ],
);

// ---------------------------------------------------------------------------
// Invitations: people asked by email to set a password and come in.
// ---------------------------------------------------------------------------

/** One request to invite a selection of people; the worker works through it in chunks. */
export const invitationBatches = pgTable('invitation_batches', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: orgId(),
  createdBy: uuid('created_by').references(() => accounts.id, { onDelete: 'set null' }),
  /** Who is invited, as chosen: listed people, a people filter, a programme's enrolled, or those imported since. */
  selection: jsonb('selection').$type<InvitationSelection>().notNull(),
  roles: text('roles').array().$type<Role[]>().notNull(),
  total: integer('total').notNull(),
  processed: integer('processed').notNull().default(0),
  invited: integer('invited').notNull().default(0),
  /** The last person id handled: people are taken in id order, so a chunk resumes after it. */
  cursor: uuid('cursor'),
  status: text('status').$type<'queued' | 'done'>().notNull().default('queued'),
  createdAt: createdAt(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export type InvitationSelection =
  | { kind: 'people'; personIds: string[] }
  | { kind: 'filter'; q?: string | undefined; department?: string | undefined }
  | { kind: 'programme'; programmeId: string }
  | { kind: 'imported'; since: string };

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    personId: personRef('person_id'),
    email: text('email').notNull(),
    roles: text('roles').array().$type<Role[]>().notNull(),
    batchId: uuid('batch_id').references(() => invitationBatches.id, { onDelete: 'set null' }),
    /** SHA-256 of the link's token; a resend replaces it, so the older link stops working. */
    tokenHash: text('token_hash').notNull().unique(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invitations_person_idx').on(t.orgId, t.personId)],
);

// ---------------------------------------------------------------------------
// API tokens and single sign-on (OpenID Connect).
// ---------------------------------------------------------------------------

export type ApiTokenScope = 'read' | 'write' | 'admin';

/**
 * Bearer tokens for scripts and the CLI. A personal token acts as its owner's account; a
 * service token acts as an account of its own (no person, no password). Only the SHA-256
 * of the token is kept; `prefix` lets people tell their tokens apart.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    /** The account the token acts as. */
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'personal' | 'service'>().notNull(),
    name: text('name').notNull(),
    scope: text('scope').$type<ApiTokenScope>().notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('api_tokens_org_idx').on(t.orgId, t.kind), index('api_tokens_account_idx').on(t.accountId)],
);

/** An organisation's OpenID Connect provider; the client secret only ever encrypted (AES-256-GCM). */
export const ssoSettings = pgTable('sso_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id, { onDelete: 'cascade' }),
  /** Shown on the sign-in button: "Sign in with <name>". */
  displayName: text('display_name').notNull(),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretEncrypted: text('client_secret_encrypted').notNull(),
  allowedDomains: text('allowed_domains').array().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** Whether people other than admins may still sign in with a password. */
  passwordSignIn: boolean('password_sign_in').notNull().default(true),
  updatedAt: updatedAt(),
});

/** A sign-in under way at the provider: bound to the browser by a cookie whose hash is the key. */
export const ssoLogins = pgTable('sso_logins', {
  browserHash: text('browser_hash').primaryKey(),
  orgId: orgId(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Which provider subject an account signs in as; made on the first single sign-on. */
export const ssoLinks = pgTable(
  'sso_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('sso_links_subject_idx').on(t.orgId, t.issuer, t.subject),
    uniqueIndex('sso_links_account_idx').on(t.accountId, t.issuer),
  ],
);

/** SCIM bearer tokens: one organisation each, good for /scim/v2 only; only the SHA-256 is kept. */
export const scimTokens = pgTable(
  'scim_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The last four characters, so admins can tell tokens apart. */
    hint: text('hint').notNull(),
    createdBy: uuid('created_by').references(() => accounts.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('scim_tokens_org_idx').on(t.orgId)],
);

/** What a SCIM client calls a person (userName, externalId); people without a row go by their email. */
export const scimUsers = pgTable(
  'scim_users',
  {
    personId: uuid('person_id')
      .primaryKey()
      .references(() => people.id, { onDelete: 'cascade' }),
    orgId: orgId(),
    userName: text('user_name').notNull(),
    externalId: text('external_id'),
    /** The parts of the name as the directory sends them; the person's name is their join. */
    givenName: text('given_name'),
    familyName: text('family_name'),
    /** Deleted by the directory: the person stays (as a leaver, for the reports) but is gone from /Users. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('scim_users_org_user_name_idx').on(t.orgId, sql`lower(${t.userName})`),
    uniqueIndex('scim_users_org_external_id_idx').on(t.orgId, t.externalId),
  ],
);

/** SCIM groups are departments: a group's members are the people whose department is its name. */
export const scimGroups = pgTable(
  'scim_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    displayName: text('display_name').notNull(),
    externalId: text('external_id'),
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('scim_groups_org_name_idx').on(t.orgId, t.displayName),
    uniqueIndex('scim_groups_org_external_id_idx').on(t.orgId, t.externalId),
  ],
);

// ---------------------------------------------------------------------------
// Engagement: reminders, nudges, pulses and digests found by the sweep (docs/decisions/090).
// ---------------------------------------------------------------------------

/**
 * One row per reminder, nudge, pulse or digest the engagement sweep has sent: written in the
 * same transaction as its outbox email, its primary key makes each go out once.
 */
export const engagementSent = pgTable(
  'engagement_sent',
  {
    orgId: orgId(),
    /** What was sent, e.g. `accept.reminder` or `meeting.reminder_1h`. */
    kind: text('kind').notNull(),
    /** What it was about and for whom, e.g. `<relationshipId>:mentor`. */
    key: text('key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kind, t.key] })],
);

/** A person's answers to a relationship's pulse at 30, 60 or 90 days: read by its author; managers see aggregates. */
export const pulseResponses = pgTable(
  'pulse_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    programmeId: programmeId(),
    relationshipId: relationshipId(),
    authorId: personRef('author_id'),
    authorSide: text('author_side').notNull(),
    authorDepartment: text('author_department'),
    day: integer('day').notNull(),
    value: integer('value').notNull(),
    heard: integer('heard').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('pulse_responses_author_idx').on(t.relationshipId, t.authorId, t.day),
    // Published figures read the answers since their last cutoff.
    index('pulse_responses_programme_time_idx').on(t.orgId, t.programmeId, t.createdAt),
    check('pulse_responses_day', sql`${t.day} in (30, 60, 90)`),
    check('pulse_responses_answers', sql`${t.value} between 1 and 5 and ${t.heard} between 1 and 5`),
  ],
);
