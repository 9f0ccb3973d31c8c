CREATE TABLE `device_roles` (
	`device_id` text PRIMARY KEY NOT NULL,
	`role` text NOT NULL,
	`assigned_by` text,
	`assigned_at` text NOT NULL
);
