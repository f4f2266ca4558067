ALTER TABLE `drawdowns` ADD `override_reason` text;--> statement-breakpoint
ALTER TABLE `drawdowns` ADD `cancelled_on` text;--> statement-breakpoint
ALTER TABLE `drawdowns` ADD `cancel_reason` text;--> statement-breakpoint
ALTER TABLE `expenditures` ADD `not_eligible_reason` text;--> statement-breakpoint
ALTER TABLE `funding_applications` ADD `input_tax_deductible` integer DEFAULT false NOT NULL;