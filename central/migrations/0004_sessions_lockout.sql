CREATE TABLE "approver_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_failures" (
	"username" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp (3) with time zone NOT NULL,
	"locked_until" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "approver_sessions" ADD CONSTRAINT "approver_sessions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approver_sessions_person" ON "approver_sessions" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "session_epoch";--> statement-breakpoint
-- The signed-cookie secret of the stateless sessions this migration replaces: no longer used.
DELETE FROM "central_settings" WHERE "key" = 'session_secret';