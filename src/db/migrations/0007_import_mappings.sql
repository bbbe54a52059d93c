CREATE TABLE "grade_levels" (
	"org_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"level" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "grade_levels_org_id_grade_pk" PRIMARY KEY("org_id","grade"),
	CONSTRAINT "grade_levels_level_range" CHECK ("grade_levels"."level" between 1 and 20)
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"org_id" uuid NOT NULL,
	"header_key" text NOT NULL,
	"header" text[] NOT NULL,
	"mapping" jsonb NOT NULL,
	"date_format" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_mappings_org_id_header_key_pk" PRIMARY KEY("org_id","header_key")
);
--> statement-breakpoint
ALTER TABLE "grade_levels" ADD CONSTRAINT "grade_levels_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;