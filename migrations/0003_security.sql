CREATE TABLE `import_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`unit_id` integer NOT NULL,
	`sha256` text NOT NULL,
	`copy` integer DEFAULT 0 NOT NULL,
	`rows` integer NOT NULL,
	`actor` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_batches_unit_file` ON `import_batches` (`unit_id`,`sha256`,`copy`);--> statement-breakpoint
CREATE TABLE `kiosks` (
	`id` text PRIMARY KEY NOT NULL,
	`counter_id` integer NOT NULL,
	`label` text NOT NULL,
	`enrolment_hash` text,
	`enrolment_expires_at` integer,
	`credential_hash` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`enrolled_at` integer,
	`last_seen_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_enrolment_hash_unique` ON `kiosks` (`enrolment_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `kiosks_credential_hash_unique` ON `kiosks` (`credential_hash`);--> statement-breakpoint
CREATE INDEX `kiosks_counter` ON `kiosks` (`counter_id`);--> statement-breakpoint
ALTER TABLE `responses` ADD `network_hash` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `kiosk_id` text;--> statement-breakpoint
CREATE INDEX `responses_counter_network_time` ON `responses` (`counter_id`,`network_hash`,`submitted_at`);