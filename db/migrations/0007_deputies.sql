CREATE TABLE `workflow_deputies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`deputy_user_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`until_date` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deputy_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workflow_deputies_deputy_idx` ON `workflow_deputies` (`municipality_id`,`deputy_user_id`);--> statement-breakpoint
CREATE INDEX `workflow_deputies_user_idx` ON `workflow_deputies` (`municipality_id`,`user_id`);--> statement-breakpoint
-- Data fix for the built-in definitions' new task rules: rated projects have no open "Projekt bewerten" …
UPDATE `workflow_tasks` SET `status` = 'done', `completed_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), `version` = `version` + 1
WHERE `kind` = 'state' AND `status` = 'open' AND `subject_type` = 'project' AND `title` LIKE 'Projekt bewerten: %'
  AND `subject_id` IN (SELECT `project_id` FROM `project_assessments` WHERE `project_assessments`.`municipality_id` = `workflow_tasks`.`municipality_id`);--> statement-breakpoint
-- … and "Umsetzung vorbereiten" of a project without a lead who has a login goes to the CDO, not to every project lead.
UPDATE `workflow_tasks` SET `assignee_role` = 'cdo'
WHERE `kind` = 'state' AND `status` = 'open' AND `subject_type` = 'project' AND `assignee_user_id` IS NULL AND `assignee_role` = 'projectLead'
  AND `title` LIKE 'Umsetzung vorbereiten: %';
