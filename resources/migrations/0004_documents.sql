CREATE TABLE `print_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`document_key` text NOT NULL,
	`kind` text NOT NULL,
	`case_id` text,
	`case_version` integer,
	`case_number` text,
	`copy_number` integer NOT NULL,
	`copies` integer NOT NULL,
	`backend` text NOT NULL,
	`printer` text NOT NULL,
	`state` text NOT NULL,
	`error` text,
	`spool_id` text,
	`bytes` integer NOT NULL,
	`clerk_id` integer NOT NULL,
	`clerk_name` text NOT NULL,
	`window_number` integer NOT NULL,
	`created_at` text NOT NULL,
	`finished_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `print_jobs_document` ON `print_jobs` (`document_key`,`state`);--> statement-breakpoint
CREATE INDEX `print_jobs_case` ON `print_jobs` (`case_id`);--> statement-breakpoint
CREATE INDEX `print_jobs_created` ON `print_jobs` (`created_at`);