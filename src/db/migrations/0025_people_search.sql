CREATE TABLE "people_search" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"name_key" text NOT NULL,
	"search_text" text NOT NULL,
	"employee_id" text,
	"department" text,
	"current" boolean NOT NULL
);
--> statement-breakpoint
-- What a people search reads, one row per person (decision 085), kept by statement-level triggers
-- on people; a person's row goes with them (the foreign key cascades).
CREATE FUNCTION "people_search_text"(name text, email text, job_title text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT lower(name) || ' ' || lower(email) || ' ' || coalesce(lower(job_title), '') $$;--> statement-breakpoint
CREATE FUNCTION "keep_people_search"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "people_search" ("person_id", "org_id", "name_key", "search_text", "employee_id", "department", "current")
    SELECT n."id", n."org_id", lower(n."name"), "people_search_text"(n."name", n."email", n."job_title"),
      n."employee_id", n."department", n."leave_date" IS NULL
    FROM new_rows n;
  ELSE
    -- Only people whose searched fields changed: most edits (a manager, a level) write nothing here.
    UPDATE "people_search" s SET "org_id" = n."org_id", "name_key" = lower(n."name"),
      "search_text" = "people_search_text"(n."name", n."email", n."job_title"),
      "employee_id" = n."employee_id", "department" = n."department", "current" = n."leave_date" IS NULL
    FROM new_rows n JOIN old_rows o ON o."id" = n."id"
    WHERE s."person_id" = n."id"
      AND (n."org_id", n."name", n."email", n."job_title", n."employee_id", n."department", n."leave_date" IS NULL)
        IS DISTINCT FROM (o."org_id", o."name", o."email", o."job_title", o."employee_id", o."department", o."leave_date" IS NULL);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "people_search_insert" AFTER INSERT ON "people" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "keep_people_search"();--> statement-breakpoint
CREATE TRIGGER "people_search_update" AFTER UPDATE ON "people" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "keep_people_search"();--> statement-breakpoint
-- The people present, before the constraints and indexes (each then built once).
INSERT INTO "people_search" ("person_id", "org_id", "name_key", "search_text", "employee_id", "department", "current")
SELECT "id", "org_id", lower("name"), "people_search_text"("name", "email", "job_title"), "employee_id", "department", "leave_date" IS NULL
FROM "people";--> statement-breakpoint
DROP INDEX "people_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "people_search" ADD CONSTRAINT "people_search_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_search" ADD CONSTRAINT "people_search_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_search_walk_idx" ON "people_search" USING btree ("org_id","name_key","person_id","search_text","employee_id","department","current");--> statement-breakpoint
CREATE INDEX "people_search_employee_id_idx" ON "people_search" USING btree ("org_id","employee_id");--> statement-breakpoint
CREATE INDEX "people_search_text_trgm_idx" ON "people_search" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
ANALYZE "people_search";
