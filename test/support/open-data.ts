/**
 * @module
 * What the open-data files promise their readers (docs/open-data.md), written out once for the tests that check it
 * through the Worker and through a real browser's download.
 */

/** The columns of `scores.csv`, in order: new columns are appended so existing ones keep their positions. */
export const SCORES_CSV_COLUMNS = [
  'region',
  'region_name',
  'unit',
  'unit_name',
  'period',
  'responses',
  'ikm',
  'grade',
  'u1',
  'u2',
  'u3',
  'u4',
  'u5',
  'u6',
  'u7',
  'u8',
  'u9',
  'region_code',
  'province_code',
  'province_name',
];

/** Every row a streamed reader yields, in order. */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}
