CREATE TABLE "hall_appointments" (
	"code" text PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"hall_date" text NOT NULL,
	"slot_start" timestamp (3) with time zone NOT NULL,
	"slot_end" timestamp (3) with time zone NOT NULL,
	"person_key" text,
	"ticket_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hall_queues" (
	"letter" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"pinyin" text NOT NULL,
	"icon" text NOT NULL,
	"matters" jsonb NOT NULL,
	"opens" text NOT NULL,
	"closes" text NOT NULL,
	"daily_cap" integer NOT NULL,
	"closed_on" text,
	"sort" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hall_sequences" (
	"hall_date" text NOT NULL,
	"queue" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "hall_sequences_hall_date_queue_pk" PRIMARY KEY("hall_date","queue")
);
--> statement-breakpoint
CREATE TABLE "hall_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hall_ticket_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"hall_date" text NOT NULL,
	"action" text NOT NULL,
	"state" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"queue" text NOT NULL,
	"window" integer,
	"clerk" text,
	"priority" boolean DEFAULT false NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "hall_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"hall_date" text NOT NULL,
	"queue" text NOT NULL,
	"sequence" integer,
	"number" text,
	"kind" text NOT NULL,
	"state" text NOT NULL,
	"issued_at" timestamp (3) with time zone NOT NULL,
	"order_at" timestamp (3) with time zone NOT NULL,
	"arrival" bigserial NOT NULL,
	"due_at" timestamp (3) with time zone,
	"window" integer,
	"called_at" timestamp (3) with time zone,
	"person_key" text,
	"request_key" text,
	"rejoined" integer DEFAULT 0 NOT NULL,
	"case_number" text,
	"matter_code" text
);
--> statement-breakpoint
CREATE TABLE "hall_window_queues" (
	"window" integer NOT NULL,
	"queue" text NOT NULL,
	CONSTRAINT "hall_window_queues_window_queue_pk" PRIMARY KEY("window","queue")
);
--> statement-breakpoint
CREATE TABLE "hall_windows" (
	"window" integer PRIMARY KEY NOT NULL,
	"workstation_id" uuid,
	"clerk" text,
	"clerk_name" text,
	"open_since" timestamp (3) with time zone
);
--> statement-breakpoint
ALTER TABLE "hall_appointments" ADD CONSTRAINT "hall_appointments_queue_hall_queues_letter_fk" FOREIGN KEY ("queue") REFERENCES "public"."hall_queues"("letter") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_tickets" ADD CONSTRAINT "hall_tickets_queue_hall_queues_letter_fk" FOREIGN KEY ("queue") REFERENCES "public"."hall_queues"("letter") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_window_queues" ADD CONSTRAINT "hall_window_queues_queue_hall_queues_letter_fk" FOREIGN KEY ("queue") REFERENCES "public"."hall_queues"("letter") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hall_appointments_person" ON "hall_appointments" USING btree ("hall_date","person_key");--> statement-breakpoint
CREATE INDEX "hall_ticket_events_ticket" ON "hall_ticket_events" USING btree ("ticket_id","seq");--> statement-breakpoint
CREATE INDEX "hall_ticket_events_day" ON "hall_ticket_events" USING btree ("hall_date","action","priority","queue","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "hall_tickets_number" ON "hall_tickets" USING btree ("hall_date","number");--> statement-breakpoint
CREATE UNIQUE INDEX "hall_tickets_request" ON "hall_tickets" USING btree ("request_key");--> statement-breakpoint
CREATE UNIQUE INDEX "hall_tickets_person_live" ON "hall_tickets" USING btree ("hall_date","queue","person_key") WHERE person_key is not null and state in ('issued', 'transferred', 'called', 'serving', 'held');--> statement-breakpoint
CREATE INDEX "hall_tickets_waiting" ON "hall_tickets" USING btree ("hall_date","state","queue","order_at");--> statement-breakpoint
CREATE INDEX "hall_tickets_line" ON "hall_tickets" USING btree ("hall_date","order_at","arrival") WHERE state in ('issued', 'transferred');--> statement-breakpoint
CREATE INDEX "hall_tickets_window" ON "hall_tickets" USING btree ("window","state");