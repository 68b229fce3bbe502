CREATE TABLE `export_revisions` (
	`region_id` integer NOT NULL,
	`month` text NOT NULL,
	`revision` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`region_id`, `month`)
);
--> statement-breakpoint
CREATE TABLE `response_blocks` (
	`region_id` integer NOT NULL,
	`month` text NOT NULL,
	`format` text NOT NULL,
	`r2_key` text NOT NULL,
	`offset` integer NOT NULL,
	`length` integer NOT NULL,
	`stamp` text NOT NULL,
	PRIMARY KEY(`region_id`, `month`, `format`)
);
