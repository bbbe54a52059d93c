ALTER TABLE "match_runs" DROP COLUMN "pairs";--> statement-breakpoint
ALTER TABLE "match_runs" DROP COLUMN "unmatched";