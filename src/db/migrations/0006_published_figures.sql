CREATE TABLE "published_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"figure" text NOT NULL,
	"seq" integer NOT NULL,
	"epoch" integer NOT NULL,
	"cutoff" timestamp with time zone NOT NULL,
	"minimum_people" integer NOT NULL,
	"shown" jsonb NOT NULL,
	"cells" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "meeting_feedback" ADD COLUMN "author_department" text;--> statement-breakpoint
UPDATE "meeting_feedback" AS f SET "author_department" = p."department" FROM "people" AS p WHERE p."id" = f."author_id";--> statement-breakpoint
ALTER TABLE "published_figures" ADD CONSTRAINT "published_figures_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_figures" ADD CONSTRAINT "published_figures_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "published_figures_seq_idx" ON "published_figures" USING btree ("org_id","programme_id","figure","seq");