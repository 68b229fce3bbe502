-- Data migration (hand-written, after drizzle's 0007_monthly_rollups.sql): fills monthly_rollups from the daily
-- rollups that existing deployments already hold. From then on every writer maintains both tables in one batch.
INSERT INTO monthly_rollups (region_id, unit_id, counter_id, service_id, local_month, n, sum_squared_totals,
  s1, c1_1, c1_2, c1_3, c1_4, s2, c2_1, c2_2, c2_3, c2_4, s3, c3_1, c3_2, c3_3, c3_4,
  s4, c4_1, c4_2, c4_3, c4_4, s5, c5_1, c5_2, c5_3, c5_4, s6, c6_1, c6_2, c6_3, c6_4,
  s7, c7_1, c7_2, c7_3, c7_4, s8, c8_1, c8_2, c8_3, c8_4, s9, c9_1, c9_2, c9_3, c9_4)
SELECT region_id, unit_id, counter_id, service_id, substr(local_date, 1, 7), sum(n), sum(sum_squared_totals),
  sum(s1), sum(c1_1), sum(c1_2), sum(c1_3), sum(c1_4), sum(s2), sum(c2_1), sum(c2_2), sum(c2_3), sum(c2_4),
  sum(s3), sum(c3_1), sum(c3_2), sum(c3_3), sum(c3_4), sum(s4), sum(c4_1), sum(c4_2), sum(c4_3), sum(c4_4),
  sum(s5), sum(c5_1), sum(c5_2), sum(c5_3), sum(c5_4), sum(s6), sum(c6_1), sum(c6_2), sum(c6_3), sum(c6_4),
  sum(s7), sum(c7_1), sum(c7_2), sum(c7_3), sum(c7_4), sum(s8), sum(c8_1), sum(c8_2), sum(c8_3), sum(c8_4),
  sum(s9), sum(c9_1), sum(c9_2), sum(c9_3), sum(c9_4)
FROM daily_rollups
GROUP BY region_id, unit_id, counter_id, service_id, substr(local_date, 1, 7)
ON CONFLICT (region_id, unit_id, counter_id, service_id, local_month) DO NOTHING;
