CREATE TABLE `dashboard_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`month` text NOT NULL,
	`taken_on` text NOT NULL,
	`figures` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dashboard_snapshots_month_unique` ON `dashboard_snapshots` (`municipality_id`,`month`);--> statement-breakpoint
ALTER TABLE `milestones` ADD `original_due_date` text;