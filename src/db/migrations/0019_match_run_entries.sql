CREATE TABLE "match_run_entries" (
	"run_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"list" text NOT NULL,
	"position" integer NOT NULL,
	"entry" jsonb NOT NULL,
	CONSTRAINT "match_run_entries_run_id_list_position_pk" PRIMARY KEY("run_id","list","position"),
	CONSTRAINT "match_run_entries_list" CHECK ("match_run_entries"."list" in ('pair', 'unmatched'))
);
--> statement-breakpoint
CREATE TABLE "matching_input_versions" (
	"scope_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_runs" ADD COLUMN "inputs_version" text;--> statement-breakpoint
ALTER TABLE "match_runs" ADD COLUMN "pair_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "match_runs" ADD COLUMN "unmatched_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "match_run_entries" ADD CONSTRAINT "match_run_entries_run_id_match_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."match_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_run_entries" ADD CONSTRAINT "match_run_entries_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "match_run_entries" ("run_id", "org_id", "list", "position", "entry")
SELECT r."id", r."org_id", 'pair', e.i - 1, e.v FROM "match_runs" r, jsonb_array_elements(r."pairs") WITH ORDINALITY AS e(v, i)
UNION ALL
SELECT r."id", r."org_id", 'unmatched', e.i - 1, e.v FROM "match_runs" r, jsonb_array_elements(r."unmatched") WITH ORDINALITY AS e(v, i);--> statement-breakpoint
UPDATE "match_runs" SET
  "pair_count" = CASE WHEN "format" = 'one_to_one' THEN jsonb_array_length("pairs") ELSE jsonb_array_length("groups") END,
  "unmatched_count" = CASE WHEN "format" = 'one_to_one' THEN jsonb_array_length("unmatched") ELSE jsonb_array_length("left_out") END;--> statement-breakpoint
-- Matching-input versions (decision 079): statement-level triggers raise the version of each
-- programme, or of the whole organisation, whose matching cohort a change may alter. A draft run
-- whose versions are unchanged is not stale; otherwise its fingerprint is computed again.
CREATE FUNCTION "bump_matching_inputs"(scopes uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "matching_input_versions" ("scope_id", "version")
  SELECT DISTINCT s, 1 FROM unnest(scopes) AS s WHERE s IS NOT NULL ORDER BY 1
  ON CONFLICT ("scope_id") DO UPDATE SET "version" = "matching_input_versions"."version" + 1
$$;--> statement-breakpoint
-- Rows that belong to one programme: enrolments, pair rules, rankings, topics and circle plans.
CREATE FUNCTION "matching_inputs_by_programme"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "bump_matching_inputs"(ARRAY(SELECT "programme_id" FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "bump_matching_inputs"(ARRAY(SELECT "programme_id" FROM old_rows));
  ELSE
    PERFORM "bump_matching_inputs"(ARRAY(SELECT "programme_id" FROM new_rows UNION SELECT "programme_id" FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "enrolments_matching_inputs_insert" AFTER INSERT ON "enrolments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "enrolments_matching_inputs_update" AFTER UPDATE ON "enrolments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "enrolments_matching_inputs_delete" AFTER DELETE ON "enrolments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "match_pair_rules_matching_inputs_insert" AFTER INSERT ON "match_pair_rules" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "match_pair_rules_matching_inputs_update" AFTER UPDATE ON "match_pair_rules" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "match_pair_rules_matching_inputs_delete" AFTER DELETE ON "match_pair_rules" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "mentor_rankings_matching_inputs_insert" AFTER INSERT ON "mentor_rankings" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "mentor_rankings_matching_inputs_update" AFTER UPDATE ON "mentor_rankings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "mentor_rankings_matching_inputs_delete" AFTER DELETE ON "mentor_rankings" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "programme_topics_matching_inputs_insert" AFTER INSERT ON "programme_topics" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "programme_topics_matching_inputs_update" AFTER UPDATE ON "programme_topics" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "programme_topics_matching_inputs_delete" AFTER DELETE ON "programme_topics" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "circle_plans_matching_inputs_insert" AFTER INSERT ON "circle_plans" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "circle_plans_matching_inputs_update" AFTER UPDATE ON "circle_plans" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
CREATE TRIGGER "circle_plans_matching_inputs_delete" AFTER DELETE ON "circle_plans" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_by_programme"();--> statement-breakpoint
-- A programme's own fields the cohort reads: name, kind, format, settings, start date, stage.
CREATE FUNCTION "matching_inputs_of_programmes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_matching_inputs"(ARRAY(
    SELECT n."id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE (n."name", n."kind", n."format", n."matching_settings", n."cohort_start", n."status")
      IS DISTINCT FROM (o."name", o."kind", o."format", o."matching_settings", o."cohort_start", o."status")));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "programmes_matching_inputs_update" AFTER UPDATE ON "programmes" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_programmes"();--> statement-breakpoint
-- A topic's name, in each programme offering it.
CREATE FUNCTION "matching_inputs_of_topics"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_matching_inputs"(ARRAY(
    SELECT pt."programme_id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    JOIN "programme_topics" pt ON pt."topic_id" = n."id"
    WHERE n."name" IS DISTINCT FROM o."name"));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "topics_matching_inputs_update" AFTER UPDATE ON "topics" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_topics"();--> statement-breakpoint
-- A person's fields matching reads, in each programme they are enrolled in; a change of manager
-- can alter anyone's reporting line, so it counts for the whole organisation. (A new person is
-- no one's manager yet; a deleted one leaves enrolments and managers that their own triggers count.)
CREATE FUNCTION "matching_inputs_of_people"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bump_matching_inputs"(ARRAY(
    SELECT n."org_id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE n."manager_id" IS DISTINCT FROM o."manager_id"
    UNION
    SELECT e."programme_id" FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    JOIN "enrolments" e ON e."org_id" = n."org_id" AND e."person_id" = n."id"
    WHERE (n."name", n."department", n."job_level", n."languages", n."time_zone", n."birth_year", n."career_stage")
      IS DISTINCT FROM (o."name", o."department", o."job_level", o."languages", o."time_zone", o."birth_year", o."career_stage")));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "people_matching_inputs_update" AFTER UPDATE ON "people" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_people"();--> statement-breakpoint
-- Relationships: their own programme (places taken, declined pairs forbidden); and, while active,
-- paused or closed, the past pairs every other programme of the organisation avoids.
CREATE FUNCTION "matching_inputs_of_relationships"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "bump_matching_inputs"(ARRAY(
      SELECT "programme_id" FROM new_rows
      UNION SELECT "org_id" FROM new_rows WHERE "status" IN ('active', 'paused', 'closed')));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "bump_matching_inputs"(ARRAY(
      SELECT "programme_id" FROM old_rows
      UNION SELECT "org_id" FROM old_rows WHERE "status" IN ('active', 'paused', 'closed')));
  ELSE
    PERFORM "bump_matching_inputs"(ARRAY(
      WITH changed AS (
        SELECT n."programme_id" AS np, o."programme_id" AS op, n."org_id", n."status" AS ns, o."status" AS os
        FROM new_rows n JOIN old_rows o ON o."id" = n."id"
        WHERE (n."programme_id", n."mentor_id", n."mentee_id", n."status")
          IS DISTINCT FROM (o."programme_id", o."mentor_id", o."mentee_id", o."status"))
      SELECT np FROM changed UNION SELECT op FROM changed
      UNION SELECT "org_id" FROM changed
        WHERE ns IN ('active', 'paused', 'closed') OR os IN ('active', 'paused', 'closed')));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "relationships_matching_inputs_insert" AFTER INSERT ON "relationships" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_relationships"();--> statement-breakpoint
CREATE TRIGGER "relationships_matching_inputs_update" AFTER UPDATE ON "relationships" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_relationships"();--> statement-breakpoint
CREATE TRIGGER "relationships_matching_inputs_delete" AFTER DELETE ON "relationships" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_relationships"();
--> statement-breakpoint
-- Places in circles and trios (who is in which group, and who declined a place): their programme.
CREATE FUNCTION "matching_inputs_of_relationship_members"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "bump_matching_inputs"(ARRAY(
      SELECT r."programme_id" FROM "relationships" r WHERE r."id" IN (SELECT "relationship_id" FROM new_rows)));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "bump_matching_inputs"(ARRAY(
      SELECT r."programme_id" FROM "relationships" r WHERE r."id" IN (SELECT "relationship_id" FROM old_rows)));
  ELSE
    PERFORM "bump_matching_inputs"(ARRAY(
      SELECT r."programme_id" FROM "relationships" r WHERE r."id" IN (
        SELECT n."relationship_id" FROM new_rows n JOIN old_rows o
          ON o."relationship_id" = n."relationship_id" AND o."person_id" = n."person_id"
        WHERE n."response" IS DISTINCT FROM o."response"
        UNION SELECT n."relationship_id" FROM new_rows n WHERE NOT EXISTS (
          SELECT 1 FROM old_rows o WHERE o."relationship_id" = n."relationship_id" AND o."person_id" = n."person_id")
        UNION SELECT o."relationship_id" FROM old_rows o WHERE NOT EXISTS (
          SELECT 1 FROM new_rows n WHERE o."relationship_id" = n."relationship_id" AND o."person_id" = n."person_id"))));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "relationship_members_matching_inputs_insert" AFTER INSERT ON "relationship_members" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_relationship_members"();--> statement-breakpoint
CREATE TRIGGER "relationship_members_matching_inputs_update" AFTER UPDATE ON "relationship_members" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_relationship_members"();--> statement-breakpoint
CREATE TRIGGER "relationship_members_matching_inputs_delete" AFTER DELETE ON "relationship_members" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "matching_inputs_of_relationship_members"();
