DROP INDEX "meeting_feedback_programme_idx";--> statement-breakpoint
DROP INDEX "pulse_responses_programme_idx";--> statement-breakpoint
CREATE INDEX "meeting_feedback_programme_time_idx" ON "meeting_feedback" USING btree ("org_id","programme_id","created_at");--> statement-breakpoint
CREATE INDEX "meeting_feedback_person_idx" ON "meeting_feedback" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "pulse_responses_programme_time_idx" ON "pulse_responses" USING btree ("org_id","programme_id","created_at");