CREATE TABLE `employees` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`personnel_number` text,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`email` text,
	`job_title` text,
	`is_supervisor` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employees_municipality_idx` ON `employees` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `employees_unit_idx` ON `employees` (`unit_id`);--> statement-breakpoint
CREATE TABLE `login_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	`role` text NOT NULL,
	`employee_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_user_municipality_unique` ON `memberships` (`user_id`,`municipality_id`);--> statement-breakpoint
CREATE INDEX `memberships_municipality_idx` ON `memberships` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `municipalities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`slug` text NOT NULL,
	`kind` text NOT NULL,
	`state` text DEFAULT 'Brandenburg' NOT NULL,
	`population` integer DEFAULT 0 NOT NULL,
	`financially_weak` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `municipalities_slug_unique` ON `municipalities` (`slug`);--> statement-breakpoint
CREATE TABLE `provider_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`service_provider_id` integer NOT NULL,
	`municipality_id` integer NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `provider_assignments_unique` ON `provider_assignments` (`service_provider_id`,`municipality_id`);--> statement-breakpoint
CREATE INDEX `provider_assignments_municipality_idx` ON `provider_assignments` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `service_providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`parent_id` integer,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`short_name` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`parent_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `units_municipality_idx` ON `units` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `user_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`municipality_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_sessions_user_idx` ON `user_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`is_platform_admin` integer DEFAULT false NOT NULL,
	`service_provider_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`calendar_token` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`service_provider_id`) REFERENCES `service_providers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`municipality_id` integer,
	`user_id` integer,
	`actor_label` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`action` text NOT NULL,
	`changes` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_municipality_idx` ON `audit_log` (`municipality_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `agendas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`title` text DEFAULT 'Digitalagenda' NOT NULL,
	`vision` text DEFAULT '' NOT NULL,
	`training_coverage_target_bp` integer DEFAULT 8000 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agendas_municipality_unique` ON `agendas` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `fields_of_action` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`focus_area` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `fields_of_action_municipality_idx` ON `fields_of_action` (`municipality_id`,`sort_order`);--> statement-breakpoint
CREATE UNIQUE INDEX `fields_of_action_name_unique` ON `fields_of_action` (`municipality_id`,`name`);--> statement-breakpoint
CREATE TABLE `goal_values` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	`recorded_on` text NOT NULL,
	`value` real NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `goal_values_municipality_idx` ON `goal_values` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `goal_values_goal_idx` ON `goal_values` (`goal_id`,`recorded_on`);--> statement-breakpoint
CREATE TABLE `goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`field_of_action_id` integer NOT NULL,
	`title` text NOT NULL,
	`indicator` text NOT NULL,
	`unit` text NOT NULL,
	`baseline` real NOT NULL,
	`target_value` real NOT NULL,
	`target_date` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `fields_of_action`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `goals_municipality_idx` ON `goals` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `goals_field_of_action_idx` ON `goals` (`field_of_action_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`title` text NOT NULL,
	`due_date` text NOT NULL,
	`done_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `milestones_municipality_idx` ON `milestones` (`municipality_id`,`done_at`,`due_date`);--> statement-breakpoint
CREATE INDEX `milestones_project_idx` ON `milestones` (`project_id`,`due_date`);--> statement-breakpoint
CREATE TABLE `project_dependencies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`depends_on_project_id` integer NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`depends_on_project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_dependencies_unique` ON `project_dependencies` (`project_id`,`depends_on_project_id`);--> statement-breakpoint
CREATE INDEX `project_dependencies_municipality_idx` ON `project_dependencies` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `project_dependencies_depends_on_idx` ON `project_dependencies` (`depends_on_project_id`);--> statement-breakpoint
CREATE TABLE `project_goals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`goal_id` integer NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`goal_id`) REFERENCES `goals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_goals_unique` ON `project_goals` (`project_id`,`goal_id`);--> statement-breakpoint
CREATE INDEX `project_goals_municipality_idx` ON `project_goals` (`municipality_id`,`goal_id`);--> statement-breakpoint
CREATE TABLE `project_units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_units_unique` ON `project_units` (`project_id`,`unit_id`);--> statement-breakpoint
CREATE INDEX `project_units_municipality_idx` ON `project_units` (`municipality_id`,`unit_id`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`field_of_action_id` integer NOT NULL,
	`lead_unit_id` integer NOT NULL,
	`project_lead_employee_id` integer,
	`start_date` text,
	`end_date` text,
	`budget_planned_cents` integer DEFAULT 0 NOT NULL,
	`budget_spent_cents` integer DEFAULT 0 NOT NULL,
	`ozg_relevant` integer DEFAULT false NOT NULL,
	`efa_reuse` integer DEFAULT false NOT NULL,
	`archived_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`field_of_action_id`) REFERENCES `fields_of_action`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_lead_employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `projects_municipality_idx` ON `projects` (`municipality_id`,`archived_at`);--> statement-breakpoint
CREATE INDEX `projects_field_of_action_idx` ON `projects` (`municipality_id`,`field_of_action_id`);--> statement-breakpoint
CREATE INDEX `projects_lead_unit_idx` ON `projects` (`municipality_id`,`lead_unit_id`);--> statement-breakpoint
CREATE INDEX `projects_end_date_idx` ON `projects` (`municipality_id`,`end_date`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`category` text NOT NULL,
	`title` text NOT NULL,
	`likelihood` integer NOT NULL,
	`impact` integer NOT NULL,
	`mitigation` text DEFAULT '' NOT NULL,
	`owner_employee_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `risks_municipality_idx` ON `risks` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `risks_project_idx` ON `risks` (`project_id`);--> statement-breakpoint
CREATE TABLE `workflow_deadlines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`instance_id` integer,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`due_date` text NOT NULL,
	`remind_date` text NOT NULL,
	`assignee_role` text,
	`assignee_user_id` integer,
	`link` text,
	`status` text DEFAULT 'open' NOT NULL,
	`reminded_at` text,
	`overdue_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instance_id`) REFERENCES `workflow_instances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_deadlines_subject_key_unique` ON `workflow_deadlines` (`municipality_id`,`subject_type`,`subject_id`,`key`);--> statement-breakpoint
CREATE INDEX `workflow_deadlines_municipality_idx` ON `workflow_deadlines` (`municipality_id`,`due_date`);--> statement-breakpoint
CREATE INDEX `workflow_deadlines_scan_remind_idx` ON `workflow_deadlines` (`status`,`remind_date`);--> statement-breakpoint
CREATE INDEX `workflow_deadlines_scan_due_idx` ON `workflow_deadlines` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `workflow_deadlines_instance_idx` ON `workflow_deadlines` (`municipality_id`,`instance_id`,`status`);--> statement-breakpoint
CREATE TABLE `workflow_definitions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`definition_key` text NOT NULL,
	`definition_version` integer NOT NULL,
	`definition` text NOT NULL,
	`deployed_by` integer,
	`deployed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deployed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_definitions_version_unique` ON `workflow_definitions` (`municipality_id`,`definition_key`,`definition_version`);--> statement-breakpoint
CREATE INDEX `workflow_definitions_municipality_idx` ON `workflow_definitions` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `workflow_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`instance_id` integer NOT NULL,
	`kind` text NOT NULL,
	`transition` text,
	`transition_label` text,
	`from_state` text,
	`to_state` text NOT NULL,
	`instance_version` integer NOT NULL,
	`actor_user_id` integer,
	`actor_label` text NOT NULL,
	`comment` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instance_id`) REFERENCES `workflow_instances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workflow_history_instance_idx` ON `workflow_history` (`municipality_id`,`instance_id`,`id`);--> statement-breakpoint
CREATE TABLE `workflow_instances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`definition_key` text NOT NULL,
	`definition_version` integer NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`state` text NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_instances_subject_unique` ON `workflow_instances` (`municipality_id`,`subject_type`,`subject_id`);--> statement-breakpoint
CREATE INDEX `workflow_instances_definition_idx` ON `workflow_instances` (`municipality_id`,`definition_key`,`definition_version`);--> statement-breakpoint
CREATE TABLE `workflow_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`message` text NOT NULL,
	`link` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`read_at` text,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workflow_notifications_user_idx` ON `workflow_notifications` (`municipality_id`,`user_id`,`read_at`);--> statement-breakpoint
CREATE TABLE `workflow_tasks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`kind` text DEFAULT 'manual' NOT NULL,
	`title` text NOT NULL,
	`subject_type` text,
	`subject_id` integer,
	`instance_id` integer,
	`deadline_id` integer,
	`assignee_role` text,
	`assignee_user_id` integer,
	`due_date` text,
	`link` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`completed_at` text,
	`completed_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`instance_id`) REFERENCES `workflow_instances`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`deadline_id`) REFERENCES `workflow_deadlines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assignee_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`completed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `workflow_tasks_role_idx` ON `workflow_tasks` (`municipality_id`,`status`,`assignee_role`);--> statement-breakpoint
CREATE INDEX `workflow_tasks_user_idx` ON `workflow_tasks` (`municipality_id`,`status`,`assignee_user_id`);--> statement-breakpoint
CREATE INDEX `workflow_tasks_subject_idx` ON `workflow_tasks` (`municipality_id`,`subject_type`,`subject_id`,`status`);--> statement-breakpoint
CREATE INDEX `workflow_tasks_instance_idx` ON `workflow_tasks` (`municipality_id`,`instance_id`,`status`,`kind`);--> statement-breakpoint
CREATE INDEX `workflow_tasks_deadline_idx` ON `workflow_tasks` (`deadline_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `workflow_tasks_deadline_kind_unique` ON `workflow_tasks` (`deadline_id`,`kind`) WHERE deadline_id IS NOT NULL AND status = 'open';--> statement-breakpoint
CREATE TABLE `external_trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`employee_id` integer,
	`unit_id` integer NOT NULL,
	`title` text NOT NULL,
	`provider` text NOT NULL,
	`date` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`proof_sha256` text,
	`proof_file_name` text,
	`proof_mime_type` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`decided_by_user_id` integer,
	`decided_at` text,
	`rejection_reason` text,
	`anonymised_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `external_trainings_municipality_idx` ON `external_trainings` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `external_trainings_employee_idx` ON `external_trainings` (`employee_id`,`status`);--> statement-breakpoint
CREATE TABLE `mandatory_trainings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`role` text,
	`unit_id` integer,
	`renewal_months` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mandatory_trainings_municipality_idx` ON `mandatory_trainings` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `training_courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`title` text NOT NULL,
	`topic` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`duration_minutes` integer NOT NULL,
	`format` text NOT NULL,
	`target_unit_ids` text DEFAULT '[]' NOT NULL,
	`target_roles` text DEFAULT '[]' NOT NULL,
	`project_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_courses_municipality_idx` ON `training_courses` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `training_feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `training_registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_feedback_municipality_idx` ON `training_feedback` (`municipality_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_feedback_registration_unique` ON `training_feedback` (`registration_id`);--> statement-breakpoint
CREATE INDEX `training_feedback_course_idx` ON `training_feedback` (`course_id`);--> statement-breakpoint
CREATE TABLE `training_registrations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`session_id` integer NOT NULL,
	`employee_id` integer,
	`unit_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`session_date` text NOT NULL,
	`status` text NOT NULL,
	`requested_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`registered_by_user_id` integer,
	`attendance` text,
	`attendance_recorded_at` text,
	`certificate_code` text,
	`anonymised_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registered_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_registrations_municipality_idx` ON `training_registrations` (`municipality_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_registrations_session_employee_unique` ON `training_registrations` (`session_id`,`employee_id`);--> statement-breakpoint
CREATE INDEX `training_registrations_session_status_idx` ON `training_registrations` (`session_id`,`status`);--> statement-breakpoint
CREATE INDEX `training_registrations_employee_idx` ON `training_registrations` (`employee_id`,`attendance`);--> statement-breakpoint
CREATE INDEX `training_registrations_coverage_idx` ON `training_registrations` (`municipality_id`,`attendance`,`employee_id`,`course_id`,`session_date`);--> statement-breakpoint
CREATE UNIQUE INDEX `training_registrations_certificate_unique` ON `training_registrations` (`certificate_code`);--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`starts_at` text NOT NULL,
	`ends_at` text NOT NULL,
	`session_date` text NOT NULL,
	`location` text,
	`online_url` text,
	`trainer_employee_id` integer,
	`trainer_name` text,
	`capacity` integer NOT NULL,
	`registration_deadline` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `training_courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`trainer_employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_sessions_municipality_idx` ON `training_sessions` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `training_sessions_course_idx` ON `training_sessions` (`course_id`);--> statement-breakpoint
CREATE INDEX `training_sessions_date_idx` ON `training_sessions` (`municipality_id`,`session_date`);--> statement-breakpoint
CREATE TABLE `training_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`retention_months` integer DEFAULT 36 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_settings_municipality_unique` ON `training_settings` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `application_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`document_type` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `funding_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `application_documents_municipality_idx` ON `application_documents` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `application_documents_application_idx` ON `application_documents` (`application_id`);--> statement-breakpoint
CREATE TABLE `drawdowns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`requested_on` text NOT NULL,
	`requested_cents` integer NOT NULL,
	`planned_payments_cents` integer NOT NULL,
	`received_on` text,
	`received_cents` integer,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `funding_applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `drawdowns_municipality_idx` ON `drawdowns` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `drawdowns_application_idx` ON `drawdowns` (`application_id`);--> statement-breakpoint
CREATE TABLE `expenditures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`receipt_number` text NOT NULL,
	`receipt_date` text NOT NULL,
	`payee` text NOT NULL,
	`purpose` text NOT NULL,
	`cost_category` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`net_cents` integer,
	`vat_cents` integer,
	`paid_on` text,
	`document_id` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `funding_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `application_documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `expenditures_municipality_idx` ON `expenditures` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `expenditures_application_date_idx` ON `expenditures` (`application_id`,`receipt_date`);--> statement-breakpoint
CREATE INDEX `expenditures_application_category_idx` ON `expenditures` (`application_id`,`cost_category`,`amount_cents`);--> statement-breakpoint
CREATE UNIQUE INDEX `expenditures_receipt_unique` ON `expenditures` (`application_id`,`receipt_number`);--> statement-breakpoint
CREATE TABLE `finance_plan_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`application_id` integer NOT NULL,
	`cost_category` text NOT NULL,
	`description` text NOT NULL,
	`budget_year` integer NOT NULL,
	`planned_cents` integer NOT NULL,
	`eligible` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`application_id`) REFERENCES `funding_applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `finance_plan_items_municipality_idx` ON `finance_plan_items` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `finance_plan_items_application_idx` ON `finance_plan_items` (`application_id`);--> statement-breakpoint
CREATE TABLE `funding_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`programme_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`third_party_funds_cents` integer DEFAULT 0 NOT NULL,
	`own_contribution_confirmed` integer DEFAULT false NOT NULL,
	`own_contribution_confirmed_by` integer,
	`own_contribution_budget_ref` text,
	`submitted_on` text,
	`file_number` text,
	`decision_date` text,
	`granted_cents` integer,
	`funding_period_start` text,
	`funding_period_end` text,
	`decision_provisions` text,
	`rejection_reason` text,
	`earmarking_until` text,
	`reclaim_cents` integer,
	`reclaim_since` text,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`programme_id`) REFERENCES `funding_programmes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`own_contribution_confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `funding_applications_municipality_idx` ON `funding_applications` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `funding_applications_project_idx` ON `funding_applications` (`project_id`);--> statement-breakpoint
CREATE INDEX `funding_applications_programme_idx` ON `funding_applications` (`programme_id`);--> statement-breakpoint
CREATE TABLE `funding_programmes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer,
	`is_example` integer DEFAULT false NOT NULL,
	`funder` text NOT NULL,
	`programme_agency` text,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`source_url` text,
	`fields_of_action` text DEFAULT '[]' NOT NULL,
	`applicant_kinds` text DEFAULT '[]' NOT NULL,
	`applicant_state` text,
	`min_population` integer,
	`max_population` integer,
	`funding_type` text DEFAULT 'share' NOT NULL,
	`rate_bp` integer DEFAULT 0 NOT NULL,
	`weak_rate_bp` integer,
	`fixed_amount_cents` integer,
	`min_grant_cents` integer,
	`max_grant_cents` integer,
	`eligible_cost_categories` text DEFAULT '[]' NOT NULL,
	`window_opens` text,
	`window_closes` text,
	`outline_first` integer DEFAULT false NOT NULL,
	`outline_deadline` text,
	`ancillary_provisions` text DEFAULT 'ANBest-Gk' NOT NULL,
	`rounding_rule` text DEFAULT 'euroDown' NOT NULL,
	`drawdown_window_months` integer DEFAULT 2 NOT NULL,
	`interim_report_months` integer DEFAULT 4,
	`final_report_months` integer DEFAULT 6 NOT NULL,
	`final_report_fixed_day` text,
	`permitted_deviation_bp` integer DEFAULT 2000 NOT NULL,
	`total_overrun_tolerance_bp` integer DEFAULT 1000 NOT NULL,
	`reclaim_interest_bp` integer DEFAULT 500 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `funding_programmes_municipality_idx` ON `funding_programmes` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `assessment_criteria` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`focus_area` text NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`weight` integer DEFAULT 1 NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_criteria_key_unique` ON `assessment_criteria` (`municipality_id`,`key`);--> statement-breakpoint
CREATE INDEX `assessment_criteria_municipality_idx` ON `assessment_criteria` (`municipality_id`,`focus_area`,`sort_order`);--> statement-breakpoint
CREATE TABLE `assessment_scores` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`criterion_id` integer NOT NULL,
	`score` integer NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`criterion_id`) REFERENCES `assessment_criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `assessment_scores_unique` ON `assessment_scores` (`project_id`,`criterion_id`);--> statement-breakpoint
CREATE INDEX `assessment_scores_municipality_idx` ON `assessment_scores` (`municipality_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `project_assessments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`classification` text NOT NULL,
	`needs_support` integer DEFAULT false NOT NULL,
	`topics_score` real,
	`organisation_score` real,
	`technology_score` real,
	`total_score` real NOT NULL,
	`reason` text NOT NULL,
	`weakest_criteria` text DEFAULT '[]' NOT NULL,
	`assessed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`assessed_by_user_id` integer,
	`classified_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`assessed_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `project_assessments_project_unique` ON `project_assessments` (`project_id`);--> statement-breakpoint
CREATE INDEX `project_assessments_classification_idx` ON `project_assessments` (`municipality_id`,`classification`);--> statement-breakpoint
CREATE TABLE `team_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`team_role` text DEFAULT 'member' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_members_unique` ON `team_members` (`team_id`,`employee_id`);--> statement-breakpoint
CREATE INDEX `team_members_municipality_idx` ON `team_members` (`municipality_id`,`employee_id`);--> statement-breakpoint
CREATE TABLE `team_projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_projects_unique` ON `team_projects` (`team_id`,`project_id`);--> statement-breakpoint
CREATE INDEX `team_projects_municipality_idx` ON `team_projects` (`municipality_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_name_unique` ON `teams` (`municipality_id`,`name`);--> statement-breakpoint
CREATE INDEX `teams_municipality_idx` ON `teams` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `archived_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`report_type` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`budget_year` integer,
	`title` text NOT NULL,
	`file_path` text NOT NULL,
	`sha256` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`template_file` text NOT NULL,
	`data_snapshot` text NOT NULL,
	`generated_by` integer,
	`generated_by_label` text NOT NULL,
	`generated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`generated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `archived_reports_municipality_idx` ON `archived_reports` (`municipality_id`);--> statement-breakpoint
CREATE INDEX `archived_reports_subject_idx` ON `archived_reports` (`municipality_id`,`subject_type`,`subject_id`,`report_type`);--> statement-breakpoint
CREATE TABLE `report_drafts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`report_type` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` integer NOT NULL,
	`budget_year` integer DEFAULT 0 NOT NULL,
	`narrative` text DEFAULT '' NOT NULL,
	`updated_by` integer,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_drafts_subject_unique` ON `report_drafts` (`municipality_id`,`report_type`,`subject_type`,`subject_id`,`budget_year`);--> statement-breakpoint
CREATE INDEX `report_drafts_municipality_idx` ON `report_drafts` (`municipality_id`);--> statement-breakpoint
CREATE TABLE `report_logos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`municipality_id` integer NOT NULL,
	`file_path` text NOT NULL,
	`mime_type` text NOT NULL,
	`sha256` text NOT NULL,
	`uploaded_by` integer,
	`uploaded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`municipality_id`) REFERENCES `municipalities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_logos_municipality_unique` ON `report_logos` (`municipality_id`);