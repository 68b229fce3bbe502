CREATE TABLE `api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` integer NOT NULL,
	`label` text NOT NULL,
	`prefix` text NOT NULL,
	`hash` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`hash`);--> statement-breakpoint
CREATE INDEX `api_keys_region` ON `api_keys` (`region_id`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_log_at` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` text PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`region_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`local_date` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`moderated_at` integer,
	`moderated_by` text,
	`reply` text,
	`replied_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comments_response_id_unique` ON `comments` (`response_id`);--> statement-breakpoint
CREATE INDEX `comments_unit_status` ON `comments` (`unit_id`,`status`,`local_date`);--> statement-breakpoint
CREATE TABLE `counters` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`kiosk_expired_policy` text DEFAULT 'mark' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `counters_code_unique` ON `counters` (`code`);--> statement-breakpoint
CREATE INDEX `counters_unit` ON `counters` (`unit_id`);--> statement-breakpoint
CREATE TABLE `daily_rollups` (
	`region_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`local_date` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	`sum_squared_totals` integer DEFAULT 0 NOT NULL,
	`s1` integer DEFAULT 0 NOT NULL,
	`c1_1` integer DEFAULT 0 NOT NULL,
	`c1_2` integer DEFAULT 0 NOT NULL,
	`c1_3` integer DEFAULT 0 NOT NULL,
	`c1_4` integer DEFAULT 0 NOT NULL,
	`s2` integer DEFAULT 0 NOT NULL,
	`c2_1` integer DEFAULT 0 NOT NULL,
	`c2_2` integer DEFAULT 0 NOT NULL,
	`c2_3` integer DEFAULT 0 NOT NULL,
	`c2_4` integer DEFAULT 0 NOT NULL,
	`s3` integer DEFAULT 0 NOT NULL,
	`c3_1` integer DEFAULT 0 NOT NULL,
	`c3_2` integer DEFAULT 0 NOT NULL,
	`c3_3` integer DEFAULT 0 NOT NULL,
	`c3_4` integer DEFAULT 0 NOT NULL,
	`s4` integer DEFAULT 0 NOT NULL,
	`c4_1` integer DEFAULT 0 NOT NULL,
	`c4_2` integer DEFAULT 0 NOT NULL,
	`c4_3` integer DEFAULT 0 NOT NULL,
	`c4_4` integer DEFAULT 0 NOT NULL,
	`s5` integer DEFAULT 0 NOT NULL,
	`c5_1` integer DEFAULT 0 NOT NULL,
	`c5_2` integer DEFAULT 0 NOT NULL,
	`c5_3` integer DEFAULT 0 NOT NULL,
	`c5_4` integer DEFAULT 0 NOT NULL,
	`s6` integer DEFAULT 0 NOT NULL,
	`c6_1` integer DEFAULT 0 NOT NULL,
	`c6_2` integer DEFAULT 0 NOT NULL,
	`c6_3` integer DEFAULT 0 NOT NULL,
	`c6_4` integer DEFAULT 0 NOT NULL,
	`s7` integer DEFAULT 0 NOT NULL,
	`c7_1` integer DEFAULT 0 NOT NULL,
	`c7_2` integer DEFAULT 0 NOT NULL,
	`c7_3` integer DEFAULT 0 NOT NULL,
	`c7_4` integer DEFAULT 0 NOT NULL,
	`s8` integer DEFAULT 0 NOT NULL,
	`c8_1` integer DEFAULT 0 NOT NULL,
	`c8_2` integer DEFAULT 0 NOT NULL,
	`c8_3` integer DEFAULT 0 NOT NULL,
	`c8_4` integer DEFAULT 0 NOT NULL,
	`s9` integer DEFAULT 0 NOT NULL,
	`c9_1` integer DEFAULT 0 NOT NULL,
	`c9_2` integer DEFAULT 0 NOT NULL,
	`c9_3` integer DEFAULT 0 NOT NULL,
	`c9_4` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`region_id`, `unit_id`, `counter_id`, `service_id`, `local_date`)
);
--> statement-breakpoint
CREATE INDEX `rollups_region_date` ON `daily_rollups` (`region_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `rollups_unit_date` ON `daily_rollups` (`unit_id`,`local_date`);--> statement-breakpoint
CREATE TABLE `device_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_counters` (
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`key`, `window_start`)
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`timezone` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_slug_unique` ON `regions` (`slug`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`submission_id` text NOT NULL,
	`region_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`counter_id` integer,
	`service_id` integer,
	`channel` text NOT NULL,
	`u1` integer NOT NULL,
	`u2` integer NOT NULL,
	`u3` integer NOT NULL,
	`u4` integer NOT NULL,
	`u5` integer NOT NULL,
	`u6` integer NOT NULL,
	`u7` integer NOT NULL,
	`u8` integer NOT NULL,
	`u9` integer NOT NULL,
	`gender` text,
	`age` integer,
	`education` text,
	`occupation` text,
	`submitted_at` integer NOT NULL,
	`local_date` text NOT NULL,
	`device_hash` text,
	`flagged` integer DEFAULT false NOT NULL,
	`flag_reason` text,
	`kiosk_token` text,
	`entered_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_submission_id_unique` ON `responses` (`submission_id`);--> statement-breakpoint
CREATE INDEX `responses_counter_device_time` ON `responses` (`counter_id`,`device_hash`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `responses_counter_time` ON `responses` (`counter_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `responses_region_date` ON `responses` (`region_id`,`local_date`);--> statement-breakpoint
CREATE INDEX `responses_flagged` ON `responses` (`flagged`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_unit_slug` ON `services` (`unit_id`,`slug`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`csrf_token` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sessions_expiry` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `snapshots` (
	`day` text NOT NULL,
	`file` text NOT NULL,
	`r2_key` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`day`, `file`)
);
--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_id` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`population` integer,
	`ikm_target` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_region_slug` ON `units` (`region_id`,`slug`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`region_id` integer,
	`password_hash` text NOT NULL,
	`password_salt` text NOT NULL,
	`password_iterations` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);