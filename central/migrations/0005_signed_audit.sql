CREATE TABLE "workstation_audit" (
	"workstation_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"at" text NOT NULL,
	"user_id" integer,
	"username" text,
	"action" text NOT NULL,
	"target" text,
	"result" text NOT NULL,
	"code" text,
	"detail" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "workstation_audit_workstation_id_seq_pk" PRIMARY KEY("workstation_id","seq")
);
--> statement-breakpoint
ALTER TABLE "audit_heads" ADD COLUMN "signature" text;--> statement-breakpoint
ALTER TABLE "workstations" ADD COLUMN "audit_key" text;--> statement-breakpoint
-- The old head-only reports' two alerts, under the names the signed reports give them.
UPDATE "audit_heads" SET "status" = 'replayed' WHERE "status" = 'cut_short';--> statement-breakpoint
UPDATE "audit_heads" SET "status" = 'forked' WHERE "status" = 'rewritten';--> statement-breakpoint
UPDATE "central_audit" SET "action" = 'audit.replayed' WHERE "action" = 'audit.cut_short';--> statement-breakpoint
UPDATE "central_audit" SET "action" = 'audit.forked' WHERE "action" = 'audit.rewritten';
