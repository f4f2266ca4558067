CREATE TABLE `accessibility_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`page` text,
	`message` text NOT NULL,
	`contact_name` text,
	`contact_email` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `accessibility_feedback_municipality_idx` ON `accessibility_feedback` (`municipality_id`,`created_at`);