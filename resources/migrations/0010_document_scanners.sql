CREATE TABLE `document_scanners` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`origin` text NOT NULL,
	`defaults` text,
	`last_used_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scan_presets` (
	`item_id` text PRIMARY KEY NOT NULL,
	`scanner_id` text NOT NULL,
	`settings` text NOT NULL,
	`updated_at` text NOT NULL
);
