ALTER TABLE `cases` ADD `central_unseen` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `cases_central_unseen` ON `cases` (`central_unseen`) WHERE "cases"."central_unseen" = 1;--> statement-breakpoint
ALTER TABLE `central_events` ADD `items` text DEFAULT '[]' NOT NULL;