ALTER TABLE `regions` ADD `code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `regions_code` ON `regions` (`code`);