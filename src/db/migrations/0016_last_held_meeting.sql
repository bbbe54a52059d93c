ALTER TABLE "relationships" ADD COLUMN "last_held_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "meetings_held_recently_idx" ON "meetings" USING btree ("starts_at","relationship_id") WHERE "meetings"."status" = 'held';--> statement-breakpoint
-- The start of each pair's latest meeting held, from the meetings already recorded.
UPDATE "relationships" r SET "last_held_at" = h."last_held_at"
FROM (SELECT "relationship_id", max("starts_at") AS "last_held_at" FROM "meetings" WHERE "status" = 'held' GROUP BY 1) h
WHERE h."relationship_id" = r."id";--> statement-breakpoint
-- Kept true by the statement that changes a meeting, whichever writes it (use case, demo, import):
-- meetings inserted as held can only raise the date; an update or delete that touches a held
-- meeting (before or after) recomputes its pair's date from the held meetings.
CREATE FUNCTION "relationships_recompute_last_held"(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "relationships" r SET "last_held_at" = h."last_held_at"
  FROM (
    SELECT c.id, (SELECT max(m."starts_at") FROM "meetings" m WHERE m."relationship_id" = c.id AND m."status" = 'held') AS "last_held_at"
    FROM unnest(ids) AS c(id)
  ) h
  WHERE h.id = r."id" AND r."last_held_at" IS DISTINCT FROM h."last_held_at";
$$;--> statement-breakpoint
CREATE FUNCTION "relationships_last_held"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE "relationships" r SET "last_held_at" = greatest(r."last_held_at", h."last_held_at")
    FROM (SELECT "relationship_id", max("starts_at") AS "last_held_at" FROM "new_meetings" WHERE "status" = 'held' GROUP BY 1) h
    WHERE h."relationship_id" = r."id" AND r."last_held_at" IS DISTINCT FROM greatest(r."last_held_at", h."last_held_at");
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM "relationships_recompute_last_held"(array(
      SELECT "relationship_id" FROM "old_meetings" WHERE "status" = 'held'
      UNION SELECT "relationship_id" FROM "new_meetings" WHERE "status" = 'held'));
  ELSE
    PERFORM "relationships_recompute_last_held"(array(
      SELECT DISTINCT "relationship_id" FROM "old_meetings" WHERE "status" = 'held'));
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "meetings_last_held_insert" AFTER INSERT ON "meetings"
  REFERENCING NEW TABLE AS "new_meetings" FOR EACH STATEMENT EXECUTE FUNCTION "relationships_last_held"();--> statement-breakpoint
CREATE TRIGGER "meetings_last_held_update" AFTER UPDATE ON "meetings"
  REFERENCING OLD TABLE AS "old_meetings" NEW TABLE AS "new_meetings" FOR EACH STATEMENT EXECUTE FUNCTION "relationships_last_held"();--> statement-breakpoint
CREATE TRIGGER "meetings_last_held_delete" AFTER DELETE ON "meetings"
  REFERENCING OLD TABLE AS "old_meetings" FOR EACH STATEMENT EXECUTE FUNCTION "relationships_last_held"();
