CREATE TABLE `rating_invitations` (
	`case_id` text NOT NULL,
	`version` integer NOT NULL,
	`code` text NOT NULL,
	`until` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `version`)
);
