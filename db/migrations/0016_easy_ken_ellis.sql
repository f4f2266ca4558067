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
CREATE INDEX `maturity_goal_measures_municipality_idx` ON `maturity_goal_measures` (`municipality_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `maturity_catalogue_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_provider_id` integer,
	`source` text NOT NULL,
	`updated_by_user_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `maturity_catalogue_drafts_provider_idx` ON `maturity_catalogue_drafts` (`service_provider_id`);--> statement-breakpoint
CREATE TABLE `maturity_provider_catalogues` (
	`catalogue_id` integer PRIMARY KEY NOT NULL,
	`service_provider_id` integer NOT NULL,
	FOREIGN KEY (`catalogue_id`) REFERENCES `maturity_catalogues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `maturity_provider_catalogues_provider_idx` ON `maturity_provider_catalogues` (`service_provider_id`);