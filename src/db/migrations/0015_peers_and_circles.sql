CREATE TABLE "circle_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"name" text NOT NULL,
	"topic_ids" uuid[] NOT NULL,
	"facilitator_ids" uuid[] NOT NULL,
	"min_size" integer NOT NULL,
	"max_size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "circle_plans_sizes" CHECK ("circle_plans"."min_size" between 1 and 50 and "circle_plans"."max_size" between "circle_plans"."min_size" and 50)
);
--> statement-breakpoint
CREATE TABLE "relationship_members" (
	"relationship_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"response" text DEFAULT 'pending' NOT NULL,
	"signed_at" timestamp with time zone,
	"fit" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationship_members_relationship_id_person_id_pk" PRIMARY KEY("relationship_id","person_id"),
	CONSTRAINT "relationship_members_role" CHECK ("relationship_members"."role" in ('facilitator', 'member', 'peer')),
	CONSTRAINT "relationship_members_response" CHECK ("relationship_members"."response" in ('pending', 'accepted', 'declined'))
);
--> statement-breakpoint
ALTER TABLE "relationships" ALTER COLUMN "mentee_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "match_runs" ADD COLUMN "format" text DEFAULT 'one_to_one' NOT NULL;--> statement-breakpoint
ALTER TABLE "match_runs" ADD COLUMN "groups" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "match_runs" ADD COLUMN "left_out" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "match_runs" ADD COLUMN "not_formed" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "programmes" ADD COLUMN "format" text DEFAULT 'one_to_one' NOT NULL;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "format" text DEFAULT 'pair' NOT NULL;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "name" text;--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "min_members" integer;--> statement-breakpoint
ALTER TABLE "circle_plans" ADD CONSTRAINT "circle_plans_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "circle_plans" ADD CONSTRAINT "circle_plans_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_members" ADD CONSTRAINT "relationship_members_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_members" ADD CONSTRAINT "relationship_members_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_members" ADD CONSTRAINT "relationship_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "circle_plans_programme_idx" ON "circle_plans" USING btree ("org_id","programme_id");--> statement-breakpoint
CREATE INDEX "relationship_members_person_idx" ON "relationship_members" USING btree ("org_id","person_id");--> statement-breakpoint
ALTER TABLE "match_runs" ADD CONSTRAINT "match_runs_format" CHECK ("match_runs"."format" in ('one_to_one', 'peer', 'circles'));--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_format" CHECK ("programmes"."format" in ('one_to_one', 'peer', 'circles'));--> statement-breakpoint
ALTER TABLE "programmes" ADD CONSTRAINT "programmes_peer_is_mutual" CHECK ("programmes"."format" <> 'peer' or "programmes"."kind" = 'mutual');--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_format" CHECK ("relationships"."format" in ('pair', 'peer', 'circle'));--> statement-breakpoint
ALTER TABLE "relationships" ADD CONSTRAINT "relationships_mentee_unless_circle" CHECK (("relationships"."format" = 'circle') = ("relationships"."mentee_id" is null));