CREATE TABLE `case_tickets` (
	`case_id` text PRIMARY KEY NOT NULL,
	`case_number` text NOT NULL,
	`matter_code` text NOT NULL,
	`ticket_id` text NOT NULL,
	`ticket_number` text,
	`queue` text NOT NULL,
	`linked_at` text NOT NULL,
	`sent_at` text
);
