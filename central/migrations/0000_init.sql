CREATE TABLE "audit_heads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workstation_id" uuid NOT NULL,
	"sequence" bigint NOT NULL,
	"hash" text NOT NULL,
	"status" text NOT NULL,
	"detail" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"bytes" bigint NOT NULL,
	"mime" text NOT NULL,
	"stored_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"case_version" integer NOT NULL,
	"workstation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"comment" text NOT NULL,
	"approver" text,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "case_events_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "case_files" (
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" bigint NOT NULL,
	"mime" text NOT NULL,
	CONSTRAINT "case_files_case_id_version_sha256_pk" PRIMARY KEY("case_id","version","sha256")
);
--> statement-breakpoint
CREATE TABLE "case_versions" (
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"body_sha256" text NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"workstation_id" uuid NOT NULL,
	CONSTRAINT "case_versions_case_id_version_pk" PRIMARY KEY("case_id","version")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workstation_id" uuid NOT NULL,
	"number" text NOT NULL,
	"version" integer NOT NULL,
	"state" text NOT NULL,
	"matter_code" text NOT NULL,
	"matter_name" text NOT NULL,
	"department" text NOT NULL,
	"applicant_name" text NOT NULL,
	"window_number" integer NOT NULL,
	"clerk_name" text NOT NULL,
	"promised_date" text,
	"received_at" timestamp (3) with time zone NOT NULL,
	"submitted_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"approver" text
);
--> statement-breakpoint
CREATE TABLE "central_audit" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_kind" text NOT NULL,
	"actor" text NOT NULL,
	"workstation_id" uuid,
	"action" text NOT NULL,
	"target" text,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "central_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"note" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone,
	"workstation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "idempotency" (
	"workstation_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_sha256" text NOT NULL,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "idempotency_workstation_id_key_pk" PRIMARY KEY("workstation_id","key")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"department" text DEFAULT '' NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "people_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "published" (
	"kind" text NOT NULL,
	"version" bigint NOT NULL,
	"data" jsonb NOT NULL,
	"published_at" timestamp (3) with time zone NOT NULL,
	"published_by" text NOT NULL,
	CONSTRAINT "published_kind_version_pk" PRIMARY KEY("kind","version")
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"workstation_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"bytes" bigint NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"finished_at" timestamp (3) with time zone,
	"result" text
);
--> statement-breakpoint
CREATE TABLE "workstations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"district_code" text NOT NULL,
	"window_number" integer NOT NULL,
	"hall_name" text NOT NULL,
	"hostname" text NOT NULL,
	"enrolled_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone,
	"revoked_at" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_versions" ADD CONSTRAINT "case_versions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_workstation_id_workstations_id_fk" FOREIGN KEY ("workstation_id") REFERENCES "public"."workstations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_heads_ws" ON "audit_heads" USING btree ("workstation_id","id");--> statement-breakpoint
CREATE INDEX "case_events_ws" ON "case_events" USING btree ("workstation_id","seq");--> statement-breakpoint
CREATE INDEX "case_files_sha" ON "case_files" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "cases_state" ON "cases" USING btree ("state","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number" ON "cases" USING btree ("number");--> statement-breakpoint
CREATE INDEX "central_audit_target" ON "central_audit" USING btree ("target");--> statement-breakpoint
CREATE INDEX "uploads_case" ON "uploads" USING btree ("case_id");