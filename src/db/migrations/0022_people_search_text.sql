DROP INDEX "people_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(name) || ' ' || lower(email) || ' ' || coalesce(lower(job_title), '')) STORED;--> statement-breakpoint
CREATE INDEX "people_search_trgm_idx" ON "people" USING gin ("search_text" gin_trgm_ops);