ALTER TABLE `case_materials` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Rows decided before this column existed were written in checklist order, one decision at a time:
-- their place is their rank by rowid within the case version.
UPDATE `case_materials` SET `position` = (
  SELECT count(*) FROM `case_materials` m
  WHERE m.`case_id` = `case_materials`.`case_id` AND m.`version` = `case_materials`.`version`
    AND m.rowid < `case_materials`.rowid
);
