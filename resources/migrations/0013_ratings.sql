CREATE TABLE `ratings` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`case_number` text NOT NULL,
	`case_version` integer NOT NULL,
	`stage` text NOT NULL,
	`level` text NOT NULL,
	`reasons` text NOT NULL,
	`text` text NOT NULL,
	`channel` text NOT NULL,
	`clerk_id` integer NOT NULL,
	`window_number` integer NOT NULL,
	`rated_at` text NOT NULL,
	`rated_day` text NOT NULL,
	`record` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ratings_visit` ON `ratings` (`case_id`,`case_version`,`stage`);--> statement-breakpoint
CREATE INDEX `ratings_day` ON `ratings` (`rated_day`);--> statement-breakpoint
CREATE INDEX `ratings_clerk` ON `ratings` (`clerk_id`,`rated_day`);