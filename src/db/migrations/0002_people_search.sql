CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "people_search_trgm_idx" ON "people" USING gin ((lower(name) || ' ' || lower(email) || ' ' || coalesce(lower(job_title), '')) gin_trgm_ops);
