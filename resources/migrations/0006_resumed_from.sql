ALTER TABLE `cases` ADD `resumed_from` text;--> statement-breakpoint
-- Drafts resumed before this column existed: what they waited for, from central's events on the
-- last decided version (the same rule the service used until now).
UPDATE `cases` SET `resumed_from` = CASE
  WHEN EXISTS (
    SELECT 1 FROM `central_events` e
    WHERE e.`case_id` = `cases`.`id` AND e.`case_version` = `cases`.`version` - 1 AND e.`kind` = 'supplement_requested'
  ) THEN 'supplement_requested_by_central'
  ELSE 'supplement_requested'
END
WHERE `state` = 'draft' AND `number` IS NOT NULL;
