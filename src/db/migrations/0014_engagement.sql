CREATE TABLE "engagement_sent" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagement_sent_org_id_kind_key_pk" PRIMARY KEY("org_id","kind","key")
);
--> statement-breakpoint
CREATE TABLE "pulse_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"relationship_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_side" text NOT NULL,
	"author_department" text,
	"day" integer NOT NULL,
	"value" integer NOT NULL,
	"heard" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pulse_responses_day" CHECK ("pulse_responses"."day" in (30, 60, 90)),
	CONSTRAINT "pulse_responses_answers" CHECK ("pulse_responses"."value" between 1 and 5 and "pulse_responses"."heard" between 1 and 5)
);
--> statement-breakpoint
ALTER TABLE "engagement_sent" ADD CONSTRAINT "engagement_sent_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pulse_responses" ADD CONSTRAINT "pulse_responses_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pulse_responses_author_idx" ON "pulse_responses" USING btree ("relationship_id","author_id","day");--> statement-breakpoint
CREATE INDEX "pulse_responses_programme_idx" ON "pulse_responses" USING btree ("org_id","programme_id");--> statement-breakpoint
CREATE INDEX "meetings_scheduled_idx" ON "meetings" USING btree ("starts_at") WHERE "meetings"."status" = 'scheduled';--> statement-breakpoint
CREATE INDEX "meetings_held_idx" ON "meetings" USING btree ("relationship_id","starts_at") WHERE "meetings"."status" = 'held';--> statement-breakpoint
CREATE INDEX "relationships_proposed_idx" ON "relationships" USING btree ("created_at") WHERE "relationships"."status" = 'proposed';