-- The head (kepala) of a unit, who signs its SKM report (docs/spec.md §5, PATCH /admin/regions/{region}/units/{unit}).
ALTER TABLE `units` ADD `head_name` text;--> statement-breakpoint
ALTER TABLE `units` ADD `head_nip` text;