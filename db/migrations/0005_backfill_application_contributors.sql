-- Backfill who wrote, edited or forwarded each application from the data already recorded.
INSERT OR IGNORE INTO `application_contributors` (`municipality_id`, `application_id`, `user_id`, `kind`, `first_at`)
SELECT `municipality_id`, `id`, `created_by`, 'author', `created_at` FROM `funding_applications` WHERE `created_by` IS NOT NULL;
--> statement-breakpoint
INSERT OR IGNORE INTO `application_contributors` (`municipality_id`, `application_id`, `user_id`, `kind`, `first_at`)
SELECT a.`municipality_id`, a.`id`, l.`user_id`, 'edit', MIN(l.`at`) FROM `audit_log` l
JOIN `funding_applications` a ON a.`id` = CAST(l.`entity_id` AS INTEGER) AND a.`municipality_id` = l.`municipality_id`
WHERE l.`entity` = 'fundingApplication' AND l.`action` = 'update' AND l.`user_id` IS NOT NULL
GROUP BY a.`id`, l.`user_id`;
--> statement-breakpoint
INSERT OR IGNORE INTO `application_contributors` (`municipality_id`, `application_id`, `user_id`, `kind`, `first_at`)
SELECT a.`municipality_id`, a.`id`, l.`user_id`, 'financePlan', MIN(l.`at`) FROM `audit_log` l
JOIN `funding_applications` a ON a.`id` = json_extract(l.`changes`, '$.applicationId') AND a.`municipality_id` = l.`municipality_id`
WHERE l.`entity` = 'financePlanItem' AND l.`user_id` IS NOT NULL AND json_valid(l.`changes`)
GROUP BY a.`id`, l.`user_id`;
--> statement-breakpoint
INSERT OR IGNORE INTO `application_contributors` (`municipality_id`, `application_id`, `user_id`, `kind`, `first_at`)
SELECT i.`municipality_id`, i.`subject_id`, h.`actor_user_id`, 'review', MIN(h.`at`) FROM `workflow_history` h
JOIN `workflow_instances` i ON i.`id` = h.`instance_id` AND i.`municipality_id` = h.`municipality_id`
WHERE i.`subject_type` = 'fundingApplication' AND h.`transition` = 'requestInternalReview' AND h.`actor_user_id` IS NOT NULL
GROUP BY i.`subject_id`, h.`actor_user_id`;
