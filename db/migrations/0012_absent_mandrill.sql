CREATE TABLE `manager_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_provider_id` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `manager_assignments_unique` ON `manager_assignments` (`municipality_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `manager_assignments_user_idx` ON `manager_assignments` (`user_id`);--> statement-breakpoint
CREATE TABLE `programme_rollouts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`template_id` integer NOT NULL,
	`template_version` integer NOT NULL,
	`project_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `programme_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_rollouts_unique` ON `programme_rollouts` (`template_id`,`municipality_id`);--> statement-breakpoint
CREATE INDEX `programme_rollouts_municipality_idx` ON `programme_rollouts` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `programme_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`rollout_id` integer NOT NULL,
	`step_key` text NOT NULL,
	`position` integer NOT NULL,
	`phase` text NOT NULL,
	`title` text NOT NULL,
	`responsible_role` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`owner_name` text,
	`checklist_total` integer DEFAULT 0 NOT NULL,
	`checklist_done` integer DEFAULT 0 NOT NULL,
	`milestone_id` integer,
	`confirmed_at` text,
	`confirmed_by_user_id` integer,
	`template_version` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rollout_id`) REFERENCES `programme_rollouts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`milestone_id`) REFERENCES `milestones`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`confirmed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_steps_unique` ON `programme_steps` (`rollout_id`,`step_key`);--> statement-breakpoint
CREATE INDEX `programme_steps_municipality_idx` ON `programme_steps` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `programme_template_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`template_id` integer NOT NULL,
	`number` integer NOT NULL,
	`definition` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by_user_id` integer,
	FOREIGN KEY (`template_id`) REFERENCES `programme_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_template_versions_unique` ON `programme_template_versions` (`template_id`,`number`);--> statement-breakpoint
CREATE TABLE `programme_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_provider_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`is_example` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `programme_templates_provider_idx` ON `programme_templates` (`service_provider_id`);--> statement-breakpoint
CREATE TABLE `provider_groups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_provider_id` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_groups_unique` ON `provider_groups` (`service_provider_id`,`municipality_id`);--> statement-breakpoint
CREATE TABLE `provider_staff` (
	`user_id` integer PRIMARY KEY NOT NULL,
	`service_provider_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `provider_staff_provider_idx` ON `provider_staff` (`service_provider_id`);