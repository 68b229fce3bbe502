-- Hand-written, after drizzle's 0012_export_blocks.sql (schema/export-blocks.ts): SQLite raises a region × month's
-- export revision whenever a row that responses.csv|json publishes changes other than by a new rating, in the same
-- transaction as the change, so a block stored from the nightly snapshot is never served once it differs from the
-- live rows. New ratings need no trigger (they raise the month's count in the rollups), so the rating path is
-- unchanged; '*' is the region's catalogue (its row, unit and service slugs, which every row names).
CREATE TRIGGER `responses_export_revision_update` AFTER UPDATE OF region_id, unit_id, service_id, channel, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation, local_date, flagged ON `responses`
BEGIN
  INSERT INTO export_revisions (region_id, month, revision) VALUES (OLD.region_id, substr(OLD.local_date, 1, 7), 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
  INSERT INTO export_revisions (region_id, month, revision) VALUES (NEW.region_id, substr(NEW.local_date, 1, 7), 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `responses_export_revision_delete` AFTER DELETE ON `responses`
BEGIN
  INSERT INTO export_revisions (region_id, month, revision) VALUES (OLD.region_id, substr(OLD.local_date, 1, 7), 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `regions_export_revision_update` AFTER UPDATE ON `regions`
BEGIN
  INSERT INTO export_revisions (region_id, month, revision) VALUES (NEW.id, '*', 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `units_export_revision_update` AFTER UPDATE ON `units`
BEGIN
  INSERT INTO export_revisions (region_id, month, revision) VALUES (OLD.region_id, '*', 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
  INSERT INTO export_revisions (region_id, month, revision) VALUES (NEW.region_id, '*', 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `units_export_revision_delete` AFTER DELETE ON `units`
BEGIN
  INSERT INTO export_revisions (region_id, month, revision) VALUES (OLD.region_id, '*', 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_export_revision_update` AFTER UPDATE ON `services`
BEGIN
  INSERT INTO export_revisions (region_id, month, revision) VALUES ((SELECT region_id FROM units WHERE id = OLD.unit_id), '*', 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
  INSERT INTO export_revisions (region_id, month, revision) VALUES ((SELECT region_id FROM units WHERE id = NEW.unit_id), '*', 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `services_export_revision_delete` AFTER DELETE ON `services`
BEGIN
  INSERT INTO export_revisions (region_id, month, revision) VALUES ((SELECT region_id FROM units WHERE id = OLD.unit_id), '*', 1)
    ON CONFLICT (region_id, month) DO UPDATE SET revision = revision + 1;
END;
