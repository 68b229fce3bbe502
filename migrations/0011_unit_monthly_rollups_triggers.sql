-- Hand-written, after drizzle's 0010_unit_monthly_rollups.sql: fills unit_monthly_rollups from the monthly rollups
-- that existing deployments hold, then lets SQLite keep it: every insert, update or delete of a monthly_rollups row
-- adds its difference to the unit's month, in the same statement and so in the same transaction as the writer's
-- batch (worker/db/rollup-sql.ts). No writer needs to know this table exists.
INSERT INTO unit_monthly_rollups (region_id, unit_id, local_month,
  n, sum_squared_totals, s1, c1_1, c1_2, c1_3, c1_4, s2, c2_1, c2_2, c2_3, c2_4, s3, c3_1, c3_2, c3_3, c3_4,
  s4, c4_1, c4_2, c4_3, c4_4, s5, c5_1, c5_2, c5_3, c5_4, s6, c6_1, c6_2, c6_3, c6_4, s7, c7_1, c7_2, c7_3,
  c7_4, s8, c8_1, c8_2, c8_3, c8_4, s9, c9_1, c9_2, c9_3, c9_4)
SELECT region_id, unit_id, local_month,
  sum(n), sum(sum_squared_totals), sum(s1), sum(c1_1), sum(c1_2), sum(c1_3), sum(c1_4), sum(s2), sum(c2_1),
  sum(c2_2), sum(c2_3), sum(c2_4), sum(s3), sum(c3_1), sum(c3_2), sum(c3_3), sum(c3_4), sum(s4), sum(c4_1),
  sum(c4_2), sum(c4_3), sum(c4_4), sum(s5), sum(c5_1), sum(c5_2), sum(c5_3), sum(c5_4), sum(s6), sum(c6_1),
  sum(c6_2), sum(c6_3), sum(c6_4), sum(s7), sum(c7_1), sum(c7_2), sum(c7_3), sum(c7_4), sum(s8), sum(c8_1),
  sum(c8_2), sum(c8_3), sum(c8_4), sum(s9), sum(c9_1), sum(c9_2), sum(c9_3), sum(c9_4)
FROM monthly_rollups
GROUP BY region_id, unit_id, local_month
ON CONFLICT (region_id, unit_id, local_month) DO NOTHING;
--> statement-breakpoint
CREATE TRIGGER `monthly_rollups_after_insert` AFTER INSERT ON `monthly_rollups`
BEGIN
  INSERT INTO unit_monthly_rollups (region_id, unit_id, local_month,
    n, sum_squared_totals, s1, c1_1, c1_2, c1_3, c1_4, s2, c2_1, c2_2, c2_3, c2_4, s3, c3_1, c3_2, c3_3,
    c3_4, s4, c4_1, c4_2, c4_3, c4_4, s5, c5_1, c5_2, c5_3, c5_4, s6, c6_1, c6_2, c6_3, c6_4, s7, c7_1, c7_2,
    c7_3, c7_4, s8, c8_1, c8_2, c8_3, c8_4, s9, c9_1, c9_2, c9_3, c9_4)
  VALUES (NEW.region_id, NEW.unit_id, NEW.local_month,
    NEW.n, NEW.sum_squared_totals, NEW.s1, NEW.c1_1, NEW.c1_2, NEW.c1_3, NEW.c1_4, NEW.s2, NEW.c2_1,
    NEW.c2_2, NEW.c2_3, NEW.c2_4, NEW.s3, NEW.c3_1, NEW.c3_2, NEW.c3_3, NEW.c3_4, NEW.s4, NEW.c4_1, NEW.c4_2,
    NEW.c4_3, NEW.c4_4, NEW.s5, NEW.c5_1, NEW.c5_2, NEW.c5_3, NEW.c5_4, NEW.s6, NEW.c6_1, NEW.c6_2, NEW.c6_3,
    NEW.c6_4, NEW.s7, NEW.c7_1, NEW.c7_2, NEW.c7_3, NEW.c7_4, NEW.s8, NEW.c8_1, NEW.c8_2, NEW.c8_3, NEW.c8_4,
    NEW.s9, NEW.c9_1, NEW.c9_2, NEW.c9_3, NEW.c9_4)
  ON CONFLICT (region_id, unit_id, local_month) DO UPDATE SET
    n = unit_monthly_rollups.n + excluded.n,
    sum_squared_totals = unit_monthly_rollups.sum_squared_totals + excluded.sum_squared_totals,
    s1 = unit_monthly_rollups.s1 + excluded.s1, c1_1 = unit_monthly_rollups.c1_1 + excluded.c1_1,
    c1_2 = unit_monthly_rollups.c1_2 + excluded.c1_2, c1_3 = unit_monthly_rollups.c1_3 + excluded.c1_3,
    c1_4 = unit_monthly_rollups.c1_4 + excluded.c1_4, s2 = unit_monthly_rollups.s2 + excluded.s2,
    c2_1 = unit_monthly_rollups.c2_1 + excluded.c2_1, c2_2 = unit_monthly_rollups.c2_2 + excluded.c2_2,
    c2_3 = unit_monthly_rollups.c2_3 + excluded.c2_3, c2_4 = unit_monthly_rollups.c2_4 + excluded.c2_4,
    s3 = unit_monthly_rollups.s3 + excluded.s3, c3_1 = unit_monthly_rollups.c3_1 + excluded.c3_1,
    c3_2 = unit_monthly_rollups.c3_2 + excluded.c3_2, c3_3 = unit_monthly_rollups.c3_3 + excluded.c3_3,
    c3_4 = unit_monthly_rollups.c3_4 + excluded.c3_4, s4 = unit_monthly_rollups.s4 + excluded.s4,
    c4_1 = unit_monthly_rollups.c4_1 + excluded.c4_1, c4_2 = unit_monthly_rollups.c4_2 + excluded.c4_2,
    c4_3 = unit_monthly_rollups.c4_3 + excluded.c4_3, c4_4 = unit_monthly_rollups.c4_4 + excluded.c4_4,
    s5 = unit_monthly_rollups.s5 + excluded.s5, c5_1 = unit_monthly_rollups.c5_1 + excluded.c5_1,
    c5_2 = unit_monthly_rollups.c5_2 + excluded.c5_2, c5_3 = unit_monthly_rollups.c5_3 + excluded.c5_3,
    c5_4 = unit_monthly_rollups.c5_4 + excluded.c5_4, s6 = unit_monthly_rollups.s6 + excluded.s6,
    c6_1 = unit_monthly_rollups.c6_1 + excluded.c6_1, c6_2 = unit_monthly_rollups.c6_2 + excluded.c6_2,
    c6_3 = unit_monthly_rollups.c6_3 + excluded.c6_3, c6_4 = unit_monthly_rollups.c6_4 + excluded.c6_4,
    s7 = unit_monthly_rollups.s7 + excluded.s7, c7_1 = unit_monthly_rollups.c7_1 + excluded.c7_1,
    c7_2 = unit_monthly_rollups.c7_2 + excluded.c7_2, c7_3 = unit_monthly_rollups.c7_3 + excluded.c7_3,
    c7_4 = unit_monthly_rollups.c7_4 + excluded.c7_4, s8 = unit_monthly_rollups.s8 + excluded.s8,
    c8_1 = unit_monthly_rollups.c8_1 + excluded.c8_1, c8_2 = unit_monthly_rollups.c8_2 + excluded.c8_2,
    c8_3 = unit_monthly_rollups.c8_3 + excluded.c8_3, c8_4 = unit_monthly_rollups.c8_4 + excluded.c8_4,
    s9 = unit_monthly_rollups.s9 + excluded.s9, c9_1 = unit_monthly_rollups.c9_1 + excluded.c9_1,
    c9_2 = unit_monthly_rollups.c9_2 + excluded.c9_2, c9_3 = unit_monthly_rollups.c9_3 + excluded.c9_3,
    c9_4 = unit_monthly_rollups.c9_4 + excluded.c9_4;
END;
--> statement-breakpoint
CREATE TRIGGER `monthly_rollups_after_update` AFTER UPDATE ON `monthly_rollups`
BEGIN
  INSERT INTO unit_monthly_rollups (region_id, unit_id, local_month,
    n, sum_squared_totals, s1, c1_1, c1_2, c1_3, c1_4, s2, c2_1, c2_2, c2_3, c2_4, s3, c3_1, c3_2, c3_3,
    c3_4, s4, c4_1, c4_2, c4_3, c4_4, s5, c5_1, c5_2, c5_3, c5_4, s6, c6_1, c6_2, c6_3, c6_4, s7, c7_1, c7_2,
    c7_3, c7_4, s8, c8_1, c8_2, c8_3, c8_4, s9, c9_1, c9_2, c9_3, c9_4)
  VALUES (NEW.region_id, NEW.unit_id, NEW.local_month,
    NEW.n - OLD.n, NEW.sum_squared_totals - OLD.sum_squared_totals, NEW.s1 - OLD.s1, NEW.c1_1 - OLD.c1_1,
    NEW.c1_2 - OLD.c1_2, NEW.c1_3 - OLD.c1_3, NEW.c1_4 - OLD.c1_4, NEW.s2 - OLD.s2, NEW.c2_1 - OLD.c2_1,
    NEW.c2_2 - OLD.c2_2, NEW.c2_3 - OLD.c2_3, NEW.c2_4 - OLD.c2_4, NEW.s3 - OLD.s3, NEW.c3_1 - OLD.c3_1,
    NEW.c3_2 - OLD.c3_2, NEW.c3_3 - OLD.c3_3, NEW.c3_4 - OLD.c3_4, NEW.s4 - OLD.s4, NEW.c4_1 - OLD.c4_1,
    NEW.c4_2 - OLD.c4_2, NEW.c4_3 - OLD.c4_3, NEW.c4_4 - OLD.c4_4, NEW.s5 - OLD.s5, NEW.c5_1 - OLD.c5_1,
    NEW.c5_2 - OLD.c5_2, NEW.c5_3 - OLD.c5_3, NEW.c5_4 - OLD.c5_4, NEW.s6 - OLD.s6, NEW.c6_1 - OLD.c6_1,
    NEW.c6_2 - OLD.c6_2, NEW.c6_3 - OLD.c6_3, NEW.c6_4 - OLD.c6_4, NEW.s7 - OLD.s7, NEW.c7_1 - OLD.c7_1,
    NEW.c7_2 - OLD.c7_2, NEW.c7_3 - OLD.c7_3, NEW.c7_4 - OLD.c7_4, NEW.s8 - OLD.s8, NEW.c8_1 - OLD.c8_1,
    NEW.c8_2 - OLD.c8_2, NEW.c8_3 - OLD.c8_3, NEW.c8_4 - OLD.c8_4, NEW.s9 - OLD.s9, NEW.c9_1 - OLD.c9_1,
    NEW.c9_2 - OLD.c9_2, NEW.c9_3 - OLD.c9_3, NEW.c9_4 - OLD.c9_4)
  ON CONFLICT (region_id, unit_id, local_month) DO UPDATE SET
    n = unit_monthly_rollups.n + excluded.n,
    sum_squared_totals = unit_monthly_rollups.sum_squared_totals + excluded.sum_squared_totals,
    s1 = unit_monthly_rollups.s1 + excluded.s1, c1_1 = unit_monthly_rollups.c1_1 + excluded.c1_1,
    c1_2 = unit_monthly_rollups.c1_2 + excluded.c1_2, c1_3 = unit_monthly_rollups.c1_3 + excluded.c1_3,
    c1_4 = unit_monthly_rollups.c1_4 + excluded.c1_4, s2 = unit_monthly_rollups.s2 + excluded.s2,
    c2_1 = unit_monthly_rollups.c2_1 + excluded.c2_1, c2_2 = unit_monthly_rollups.c2_2 + excluded.c2_2,
    c2_3 = unit_monthly_rollups.c2_3 + excluded.c2_3, c2_4 = unit_monthly_rollups.c2_4 + excluded.c2_4,
    s3 = unit_monthly_rollups.s3 + excluded.s3, c3_1 = unit_monthly_rollups.c3_1 + excluded.c3_1,
    c3_2 = unit_monthly_rollups.c3_2 + excluded.c3_2, c3_3 = unit_monthly_rollups.c3_3 + excluded.c3_3,
    c3_4 = unit_monthly_rollups.c3_4 + excluded.c3_4, s4 = unit_monthly_rollups.s4 + excluded.s4,
    c4_1 = unit_monthly_rollups.c4_1 + excluded.c4_1, c4_2 = unit_monthly_rollups.c4_2 + excluded.c4_2,
    c4_3 = unit_monthly_rollups.c4_3 + excluded.c4_3, c4_4 = unit_monthly_rollups.c4_4 + excluded.c4_4,
    s5 = unit_monthly_rollups.s5 + excluded.s5, c5_1 = unit_monthly_rollups.c5_1 + excluded.c5_1,
    c5_2 = unit_monthly_rollups.c5_2 + excluded.c5_2, c5_3 = unit_monthly_rollups.c5_3 + excluded.c5_3,
    c5_4 = unit_monthly_rollups.c5_4 + excluded.c5_4, s6 = unit_monthly_rollups.s6 + excluded.s6,
    c6_1 = unit_monthly_rollups.c6_1 + excluded.c6_1, c6_2 = unit_monthly_rollups.c6_2 + excluded.c6_2,
    c6_3 = unit_monthly_rollups.c6_3 + excluded.c6_3, c6_4 = unit_monthly_rollups.c6_4 + excluded.c6_4,
    s7 = unit_monthly_rollups.s7 + excluded.s7, c7_1 = unit_monthly_rollups.c7_1 + excluded.c7_1,
    c7_2 = unit_monthly_rollups.c7_2 + excluded.c7_2, c7_3 = unit_monthly_rollups.c7_3 + excluded.c7_3,
    c7_4 = unit_monthly_rollups.c7_4 + excluded.c7_4, s8 = unit_monthly_rollups.s8 + excluded.s8,
    c8_1 = unit_monthly_rollups.c8_1 + excluded.c8_1, c8_2 = unit_monthly_rollups.c8_2 + excluded.c8_2,
    c8_3 = unit_monthly_rollups.c8_3 + excluded.c8_3, c8_4 = unit_monthly_rollups.c8_4 + excluded.c8_4,
    s9 = unit_monthly_rollups.s9 + excluded.s9, c9_1 = unit_monthly_rollups.c9_1 + excluded.c9_1,
    c9_2 = unit_monthly_rollups.c9_2 + excluded.c9_2, c9_3 = unit_monthly_rollups.c9_3 + excluded.c9_3,
    c9_4 = unit_monthly_rollups.c9_4 + excluded.c9_4;
END;
--> statement-breakpoint
CREATE TRIGGER `monthly_rollups_after_delete` AFTER DELETE ON `monthly_rollups`
BEGIN
  INSERT INTO unit_monthly_rollups (region_id, unit_id, local_month,
    n, sum_squared_totals, s1, c1_1, c1_2, c1_3, c1_4, s2, c2_1, c2_2, c2_3, c2_4, s3, c3_1, c3_2, c3_3,
    c3_4, s4, c4_1, c4_2, c4_3, c4_4, s5, c5_1, c5_2, c5_3, c5_4, s6, c6_1, c6_2, c6_3, c6_4, s7, c7_1, c7_2,
    c7_3, c7_4, s8, c8_1, c8_2, c8_3, c8_4, s9, c9_1, c9_2, c9_3, c9_4)
  VALUES (OLD.region_id, OLD.unit_id, OLD.local_month,
    -OLD.n, -OLD.sum_squared_totals, -OLD.s1, -OLD.c1_1, -OLD.c1_2, -OLD.c1_3, -OLD.c1_4, -OLD.s2, -OLD.c2_1,
    -OLD.c2_2, -OLD.c2_3, -OLD.c2_4, -OLD.s3, -OLD.c3_1, -OLD.c3_2, -OLD.c3_3, -OLD.c3_4, -OLD.s4, -OLD.c4_1,
    -OLD.c4_2, -OLD.c4_3, -OLD.c4_4, -OLD.s5, -OLD.c5_1, -OLD.c5_2, -OLD.c5_3, -OLD.c5_4, -OLD.s6, -OLD.c6_1,
    -OLD.c6_2, -OLD.c6_3, -OLD.c6_4, -OLD.s7, -OLD.c7_1, -OLD.c7_2, -OLD.c7_3, -OLD.c7_4, -OLD.s8, -OLD.c8_1,
    -OLD.c8_2, -OLD.c8_3, -OLD.c8_4, -OLD.s9, -OLD.c9_1, -OLD.c9_2, -OLD.c9_3, -OLD.c9_4)
  ON CONFLICT (region_id, unit_id, local_month) DO UPDATE SET
    n = unit_monthly_rollups.n + excluded.n,
    sum_squared_totals = unit_monthly_rollups.sum_squared_totals + excluded.sum_squared_totals,
    s1 = unit_monthly_rollups.s1 + excluded.s1, c1_1 = unit_monthly_rollups.c1_1 + excluded.c1_1,
    c1_2 = unit_monthly_rollups.c1_2 + excluded.c1_2, c1_3 = unit_monthly_rollups.c1_3 + excluded.c1_3,
    c1_4 = unit_monthly_rollups.c1_4 + excluded.c1_4, s2 = unit_monthly_rollups.s2 + excluded.s2,
    c2_1 = unit_monthly_rollups.c2_1 + excluded.c2_1, c2_2 = unit_monthly_rollups.c2_2 + excluded.c2_2,
    c2_3 = unit_monthly_rollups.c2_3 + excluded.c2_3, c2_4 = unit_monthly_rollups.c2_4 + excluded.c2_4,
    s3 = unit_monthly_rollups.s3 + excluded.s3, c3_1 = unit_monthly_rollups.c3_1 + excluded.c3_1,
    c3_2 = unit_monthly_rollups.c3_2 + excluded.c3_2, c3_3 = unit_monthly_rollups.c3_3 + excluded.c3_3,
    c3_4 = unit_monthly_rollups.c3_4 + excluded.c3_4, s4 = unit_monthly_rollups.s4 + excluded.s4,
    c4_1 = unit_monthly_rollups.c4_1 + excluded.c4_1, c4_2 = unit_monthly_rollups.c4_2 + excluded.c4_2,
    c4_3 = unit_monthly_rollups.c4_3 + excluded.c4_3, c4_4 = unit_monthly_rollups.c4_4 + excluded.c4_4,
    s5 = unit_monthly_rollups.s5 + excluded.s5, c5_1 = unit_monthly_rollups.c5_1 + excluded.c5_1,
    c5_2 = unit_monthly_rollups.c5_2 + excluded.c5_2, c5_3 = unit_monthly_rollups.c5_3 + excluded.c5_3,
    c5_4 = unit_monthly_rollups.c5_4 + excluded.c5_4, s6 = unit_monthly_rollups.s6 + excluded.s6,
    c6_1 = unit_monthly_rollups.c6_1 + excluded.c6_1, c6_2 = unit_monthly_rollups.c6_2 + excluded.c6_2,
    c6_3 = unit_monthly_rollups.c6_3 + excluded.c6_3, c6_4 = unit_monthly_rollups.c6_4 + excluded.c6_4,
    s7 = unit_monthly_rollups.s7 + excluded.s7, c7_1 = unit_monthly_rollups.c7_1 + excluded.c7_1,
    c7_2 = unit_monthly_rollups.c7_2 + excluded.c7_2, c7_3 = unit_monthly_rollups.c7_3 + excluded.c7_3,
    c7_4 = unit_monthly_rollups.c7_4 + excluded.c7_4, s8 = unit_monthly_rollups.s8 + excluded.s8,
    c8_1 = unit_monthly_rollups.c8_1 + excluded.c8_1, c8_2 = unit_monthly_rollups.c8_2 + excluded.c8_2,
    c8_3 = unit_monthly_rollups.c8_3 + excluded.c8_3, c8_4 = unit_monthly_rollups.c8_4 + excluded.c8_4,
    s9 = unit_monthly_rollups.s9 + excluded.s9, c9_1 = unit_monthly_rollups.c9_1 + excluded.c9_1,
    c9_2 = unit_monthly_rollups.c9_2 + excluded.c9_2, c9_3 = unit_monthly_rollups.c9_3 + excluded.c9_3,
    c9_4 = unit_monthly_rollups.c9_4 + excluded.c9_4;
END;
