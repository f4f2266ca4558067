CREATE TABLE `project_status_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`reported_on` text NOT NULL,
	`light` text NOT NULL,
	`progress` text NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`needs` text DEFAULT '' NOT NULL,
	`author_user_id` integer,
	`author_name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `project_status_reports_project_idx` ON `project_status_reports` (`municipality_id`,`project_id`,`reported_on`);--> statement-breakpoint
CREATE TABLE `status_report_rhythms` (
	`municipality_id` integer PRIMARY KEY NOT NULL,
	`interval_months` integer DEFAULT 1 NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
