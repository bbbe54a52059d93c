CREATE TABLE "programme_enrolment_counts" (
	"programme_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"mentors" integer DEFAULT 0 NOT NULL,
	"mentees" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "programme_enrolment_counts" ADD CONSTRAINT "programme_enrolment_counts_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_enrolment_counts" ADD CONSTRAINT "programme_enrolment_counts_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Active enrolments per programme (decision 082), kept by statement-level triggers: a bulk write
-- changes each programme's row once. A programme being deleted is skipped (its row goes with it).
CREATE FUNCTION "add_enrolment_counts"(delta jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "programme_enrolment_counts" AS c ("programme_id", "org_id", "people", "mentors", "mentees")
  SELECT d."programme_id", p."org_id", sum(d."sign"),
    coalesce(sum(d."sign") FILTER (WHERE d."role" <> 'mentee'), 0),
    coalesce(sum(d."sign") FILTER (WHERE d."role" <> 'mentor'), 0)
  FROM jsonb_to_recordset(delta) AS d("programme_id" uuid, "role" text, "sign" int)
  JOIN "programmes" p ON p."id" = d."programme_id"
  GROUP BY d."programme_id", p."org_id"
  -- An edit that moves no count (goals, topics, availability) writes nothing.
  HAVING sum(d."sign") <> 0 OR sum(d."sign") FILTER (WHERE d."role" <> 'mentee') <> 0
    OR sum(d."sign") FILTER (WHERE d."role" <> 'mentor') <> 0
  ORDER BY d."programme_id"
  ON CONFLICT ("programme_id") DO UPDATE SET
    "people" = c."people" + excluded."people",
    "mentors" = c."mentors" + excluded."mentors",
    "mentees" = c."mentees" + excluded."mentees"
$$;--> statement-breakpoint
CREATE FUNCTION "count_enrolments"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "add_enrolment_counts"((SELECT coalesce(jsonb_agg(jsonb_build_object('programme_id', "programme_id", 'role', "role", 'sign', 1)), '[]')
      FROM new_rows WHERE "status" = 'active'));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "add_enrolment_counts"((SELECT coalesce(jsonb_agg(jsonb_build_object('programme_id', "programme_id", 'role', "role", 'sign', -1)), '[]')
      FROM old_rows WHERE "status" = 'active'));
  ELSE
    PERFORM "add_enrolment_counts"((SELECT coalesce(jsonb_agg(x), '[]') FROM (
      SELECT jsonb_build_object('programme_id', "programme_id", 'role', "role", 'sign', 1) AS x FROM new_rows WHERE "status" = 'active'
      UNION ALL
      SELECT jsonb_build_object('programme_id', "programme_id", 'role', "role", 'sign', -1) FROM old_rows WHERE "status" = 'active') AS changes));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "enrolments_counts_insert" AFTER INSERT ON "enrolments" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_enrolments"();--> statement-breakpoint
CREATE TRIGGER "enrolments_counts_update" AFTER UPDATE ON "enrolments" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_enrolments"();--> statement-breakpoint
CREATE TRIGGER "enrolments_counts_delete" AFTER DELETE ON "enrolments" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_enrolments"();--> statement-breakpoint
INSERT INTO "programme_enrolment_counts" ("programme_id", "org_id", "people", "mentors", "mentees")
SELECT "programme_id", "org_id", count(*), count(*) FILTER (WHERE "role" <> 'mentee'), count(*) FILTER (WHERE "role" <> 'mentor')
FROM "enrolments" WHERE "status" = 'active' GROUP BY "programme_id", "org_id";
