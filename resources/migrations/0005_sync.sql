CREATE TABLE `central_events` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`case_id` text NOT NULL,
	`case_version` integer NOT NULL,
	`kind` text NOT NULL,
	`comment` text NOT NULL,
	`approver` text,
	`at` text NOT NULL,
	`applied_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `central_events_case` ON `central_events` (`case_id`,`seq`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`case_id` text NOT NULL,
	`case_version` integer NOT NULL,
	`case_number` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`payload` text,
	`sha256` text,
	`file_name` text,
	`mime` text,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_attempt_at` text,
	`upload_url` text,
	`bytes_sent` integer DEFAULT 0 NOT NULL,
	`bytes_total` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`acknowledged_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_idempotency_key_unique` ON `outbox` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `outbox_state` ON `outbox` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_case` ON `outbox` (`case_id`,`id`);--> statement-breakpoint
CREATE INDEX `outbox_open` ON `outbox` (`id`) WHERE "outbox"."state" <> 'acknowledged';--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `central_comment` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `central_approver` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `central_at` text;