CREATE TABLE `ozg_adoptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`status` text DEFAULT 'notStarted' NOT NULL,
	`maturity_level` integer DEFAULT 0 NOT NULL,
	`project_id` integer,
	`updated_by_user_id` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `ozg_services`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ozg_adoptions_unique` ON `ozg_adoptions` (`municipality_id`,`service_id`);--> statement-breakpoint
CREATE INDEX `ozg_adoptions_municipality_idx` ON `ozg_adoptions` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `ozg_services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ozg_id` text NOT NULL,
	`name` text NOT NULL,
	`themenfeld` text NOT NULL,
	`leika_keys` text NOT NULL,
	`efa_providing_land` text,
	`efa_status` text,
	`source` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ozg_services_ozg_id_unique` ON `ozg_services` (`ozg_id`);