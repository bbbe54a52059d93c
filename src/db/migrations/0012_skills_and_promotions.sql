CREATE TABLE "promotions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"from_level" integer NOT NULL,
	"to_level" integer NOT NULL,
	"effective_on" date NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "promotions_rise" CHECK ("promotions"."to_level" > "promotions"."from_level"),
	CONSTRAINT "promotions_source" CHECK ("promotions"."source" in ('hr-data', 'history'))
);
--> statement-breakpoint
CREATE TABLE "skill_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"topic_id" uuid NOT NULL,
	"phase" text NOT NULL,
	"rating" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "skill_assessments_phase" CHECK ("skill_assessments"."phase" in ('enrolment', 'midpoint', 'closing')),
	CONSTRAINT "skill_assessments_rating" CHECK ("skill_assessments"."rating" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "promotions" ADD CONSTRAINT "promotions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_assessments" ADD CONSTRAINT "skill_assessments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_assessments" ADD CONSTRAINT "skill_assessments_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_assessments" ADD CONSTRAINT "skill_assessments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "skill_assessments" ADD CONSTRAINT "skill_assessments_topic_id_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."topics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "promotions_person_idx" ON "promotions" USING btree ("org_id","person_id","effective_on");--> statement-breakpoint
CREATE UNIQUE INDEX "skill_assessments_answer_idx" ON "skill_assessments" USING btree ("programme_id","person_id","topic_id","phase");--> statement-breakpoint
CREATE INDEX "skill_assessments_programme_idx" ON "skill_assessments" USING btree ("org_id","programme_id","phase");
--> statement-breakpoint
-- Every rise in a person's job level is a promotion, whichever way it arrives (HR import, SCIM, an edit).
CREATE FUNCTION "record_promotion"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "promotions" ("org_id", "person_id", "from_level", "to_level", "effective_on", "source")
  VALUES (NEW."org_id", NEW."id", OLD."job_level", NEW."job_level", current_date, 'hr-data');
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "people_promotion" AFTER UPDATE OF "job_level" ON "people"
  FOR EACH ROW WHEN (NEW."job_level" > OLD."job_level") EXECUTE FUNCTION "record_promotion"();
