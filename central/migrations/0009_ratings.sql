CREATE TABLE "ratings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workstation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_number" text NOT NULL,
	"case_version" integer NOT NULL,
	"stage" text NOT NULL,
	"level" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"text" text NOT NULL,
	"channel" text NOT NULL,
	"window_number" integer NOT NULL,
	"clerk_username" text NOT NULL,
	"clerk_name" text NOT NULL,
	"rated_at" timestamp (3) with time zone NOT NULL,
	"hall_day" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"body_sha256" text NOT NULL,
	"record" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_workstation_id_workstations_id_fk" FOREIGN KEY ("workstation_id") REFERENCES "public"."workstations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_visit" ON "ratings" USING btree ("case_id","case_version","stage");--> statement-breakpoint
CREATE INDEX "ratings_hall_day" ON "ratings" USING btree ("hall_day");