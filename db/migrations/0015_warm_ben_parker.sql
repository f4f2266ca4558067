CREATE TABLE `maturity_goal_measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`item_code` text NOT NULL,
	`goal_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `maturity_goal_measures_unique` ON `maturity_goal_measures` (`goal_id`,`item_code`);--> statement-breakpoint
CREATE INDEX `maturity_goal_measures_municipality_idx` ON `maturity_goal_measures` (`municipality_id`,`item_code`);