DROP INDEX IF EXISTS "people_search_trgm_idx";--> statement-breakpoint
CREATE INDEX "people_search_trgm_idx" ON "people" USING gin ((lower(name) || ' ' || lower(email) || ' ' || coalesce(lower(job_title), '')) gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN IF EXISTS "search_text";
