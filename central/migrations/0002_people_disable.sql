ALTER TABLE "people" ADD COLUMN "disabled_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "session_epoch" integer DEFAULT 0 NOT NULL;