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
CREATE INDEX `workflow_deputies_user_idx` ON `workflow_deputies` (`municipality_id`,`user_id`);