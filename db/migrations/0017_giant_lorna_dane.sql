CREATE TABLE `project_partners` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`partner_municipality_id` integer NOT NULL,
	`share_cents` integer NOT NULL,
	`agreed_on` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_partners_unique` ON `project_partners` (`project_id`,`partner_municipality_id`);--> statement-breakpoint
CREATE INDEX `project_partners_municipality_idx` ON `project_partners` (`municipality_id`,`project_id`);--> statement-breakpoint
CREATE INDEX `project_partners_partner_idx` ON `project_partners` (`partner_municipality_id`,`project_id`);