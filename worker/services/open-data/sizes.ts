/**
 * @module
 * Approximate download sizes for the `/data` page (docs/open-data.md "Sizes"): each file's row count from the
 * rollups (worker/db/export-sizes.ts) × the average bytes of one of its rows, measured on the demo data (2026-12-03:
 * 11,819 responses in four regions), plus the header. Good to about ±25 %; comments vary the most (free text).
 */
import { type ExportRowsFilter, exportRowCounts } from '../../db/export-sizes';
import { RESOURCE_NAMES, type ResourceName } from './resources';
import type { Format } from './writers';

/** Average bytes per row, uncompressed, as measured; and the CSV header's bytes. */
const BYTES_PER_ROW: Record<ResourceName, Record<Format, number>> = {
  scores: { csv: 155, json: 350 },
  'service-scores': { csv: 170, json: 405 },
  responses: { csv: 85, json: 300 },
  comments: { csv: 165, json: 270 },
};
const HEADER_BYTES: Record<Format, number> = { csv: 150, json: 2 };

export type SizeEstimates = Record<ResourceName, { rows: number } & Record<Format, number>>;

export async function estimateSizes(d1: D1Database, filter: ExportRowsFilter): Promise<SizeEstimates> {
  const rows = await exportRowCounts(d1, filter);
  const size = (name: ResourceName, format: Format) =>
    rows[name] === 0 ? HEADER_BYTES[format] : HEADER_BYTES[format] + rows[name] * BYTES_PER_ROW[name][format];
  return Object.fromEntries(
    RESOURCE_NAMES.map((name) => [name, { rows: rows[name], csv: size(name, 'csv'), json: size(name, 'json') }]),
  ) as SizeEstimates;
}
