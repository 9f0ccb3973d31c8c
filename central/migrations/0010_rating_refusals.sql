CREATE TABLE "rating_refusals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"hall_day" text NOT NULL,
	"reason" text NOT NULL,
	"case_number" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rating_refusals_case_number" ON "rating_refusals" USING btree ("case_number","at");--> statement-breakpoint
CREATE INDEX "rating_refusals_hall_day" ON "rating_refusals" USING btree ("hall_day");