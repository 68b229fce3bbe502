CREATE TABLE `follow_up_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`period` text NOT NULL,
	`element_code` text,
	`issue` text NOT NULL,
	`action` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`evidence` text,
	`evidence_url` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `follow_up_unit_period` ON `follow_up_actions` (`unit_id`,`period`);