CREATE TABLE `applicants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`id_number` text NOT NULL,
	`id_digest` text NOT NULL,
	`id_masked` text NOT NULL,
	`details` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applicants_kind_digest` ON `applicants` (`kind`,`id_digest`);--> statement-breakpoint
CREATE TABLE `case_counters` (
	`day` text NOT NULL,
	`window_number` integer NOT NULL,
	`last_seq` integer NOT NULL,
	PRIMARY KEY(`day`, `window_number`)
);
--> statement-breakpoint
CREATE TABLE `case_decisions` (
	`case_id` text NOT NULL,
	`version` integer NOT NULL,
	`kind` text NOT NULL,
	`at` text NOT NULL,
	`clerk_id` integer NOT NULL,
	`clerk_name` text NOT NULL,
	`window_number` integer NOT NULL,
	`detail` text NOT NULL,
	`content_hash` text NOT NULL,
	PRIMARY KEY(`case_id`, `version`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_decisions_at` ON `case_decisions` (`at`);--> statement-breakpoint
CREATE TABLE `case_materials` (
	`case_id` text NOT NULL,
	`version` integer NOT NULL,
	`item_id` text NOT NULL,
	`name` text NOT NULL,
	`required` integer NOT NULL,
	`status` text NOT NULL,
	`pages` integer NOT NULL,
	`original_checked` integer NOT NULL,
	`copies` integer NOT NULL,
	`e_licence` integer NOT NULL,
	`files` text NOT NULL,
	PRIMARY KEY(`case_id`, `version`, `item_id`),
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text,
	`version` integer NOT NULL,
	`state` text NOT NULL,
	`revision` integer NOT NULL,
	`matter_code` text,
	`matter_name` text,
	`subject` text,
	`catalog_version` integer,
	`applicant_id` integer,
	`applicant_name` text NOT NULL,
	`applicant_id_digest` text,
	`applicant_id_masked` text NOT NULL,
	`agent_id_digest` text,
	`draft` text NOT NULL,
	`clerk_id` integer NOT NULL,
	`clerk_name` text NOT NULL,
	`window_number` integer NOT NULL,
	`created_day` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`decided_at` text,
	`accepted_at` text,
	`promised_date` text,
	`promised_provisional` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`applicant_id`) REFERENCES `applicants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`clerk_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_number` ON `cases` (`number`);--> statement-breakpoint
CREATE INDEX `cases_created` ON `cases` (`created_day`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_state_created` ON `cases` (`state`,`created_day`,`created_at`);--> statement-breakpoint
CREATE INDEX `cases_clerk_state` ON `cases` (`clerk_id`,`state`);--> statement-breakpoint
CREATE INDEX `cases_matter` ON `cases` (`matter_code`,`created_day`);--> statement-breakpoint
CREATE INDEX `cases_applicant_name` ON `cases` (`applicant_name`);--> statement-breakpoint
CREATE INDEX `cases_applicant_digest` ON `cases` (`applicant_id_digest`);--> statement-breakpoint
CREATE INDEX `cases_agent_digest` ON `cases` (`agent_id_digest`);--> statement-breakpoint
CREATE INDEX `cases_promised` ON `cases` (`state`,`promised_date`);--> statement-breakpoint
CREATE TABLE `catalogs` (
	`version` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`published_at` text NOT NULL,
	`publisher` text NOT NULL,
	`data` text NOT NULL,
	`loaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `holiday_calendars` (
	`version` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`published_at` text NOT NULL,
	`data` text NOT NULL,
	`loaded_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `material_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`bytes` integer NOT NULL,
	`pages` integer NOT NULL,
	`width` integer,
	`height` integer,
	`stored_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_target` ON `audit_log` (`target`);