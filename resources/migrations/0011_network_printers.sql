CREATE TABLE `network_printers` (
	`address` text PRIMARY KEY NOT NULL,
	`host` text NOT NULL,
	`port` integer NOT NULL,
	`added_by` text,
	`added_at` text NOT NULL
);
