CREATE TABLE `maturity_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`catalogue_id` integer NOT NULL,
	`target_year` integer NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`share_for_benchmark` integer DEFAULT false NOT NULL,
	`finalised_at` text,
	`finalised_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`catalogue_id`) REFERENCES `maturity_catalogues`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`finalised_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `maturity_assessments_municipality_idx` ON `maturity_assessments` (`municipality_id`,`status`);--> statement-breakpoint
CREATE TABLE `maturity_catalogues` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`published_by_user_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`published_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `maturity_catalogues_version_unique` ON `maturity_catalogues` (`version`);--> statement-breakpoint
CREATE TABLE `maturity_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`catalogue_id` integer NOT NULL,
	`position` integer NOT NULL,
	`code` text NOT NULL,
	`area` text NOT NULL,
	`title` text NOT NULL,
	`levels` text NOT NULL,
	`purpose_tag` text NOT NULL,
	`training_topic` text,
	`recommendations` text NOT NULL,
	FOREIGN KEY (`catalogue_id`) REFERENCES `maturity_catalogues`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `maturity_items_code_unique` ON `maturity_items` (`catalogue_id`,`code`);--> statement-breakpoint
CREATE TABLE `maturity_measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`item_code` text NOT NULL,
	`project_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `maturity_measures_unique` ON `maturity_measures` (`project_id`,`item_code`);--> statement-breakpoint
CREATE INDEX `maturity_measures_municipality_idx` ON `maturity_measures` (`municipality_id`,`item_code`);--> statement-breakpoint
CREATE TABLE `maturity_ratings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`assessment_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`current_level` integer NOT NULL,
	`target_level` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`evidence_url` text,
	`rated_by_user_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assessment_id`) REFERENCES `maturity_assessments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `maturity_items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `maturity_ratings_unique` ON `maturity_ratings` (`assessment_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `maturity_ratings_municipality_idx` ON `maturity_ratings` (`municipality_id`);