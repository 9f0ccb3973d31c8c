ALTER TABLE `outbox` ADD `failure` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `same_errors` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Items already waiting out a backoff go again when central answers, as they did before.
UPDATE `outbox` SET `failure` = 'unreachable' WHERE `state` = 'retrying';
