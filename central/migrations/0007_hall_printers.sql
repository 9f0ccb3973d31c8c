CREATE TABLE "hall_printers" (
	"workstation_id" uuid PRIMARY KEY NOT NULL,
	"window" integer NOT NULL,
	"station" text NOT NULL,
	"state" text NOT NULL,
	"since" timestamp (3) with time zone NOT NULL,
	"reported_at" timestamp (3) with time zone NOT NULL
);
