/**
 * @module
 * What every chapter of the SKM report reads (docs/report.md): the subject, the period's label and dates, the
 * summary, the sample's adequacy and the elements ranked by NRR.
 */
import type { Aggregate } from '../aggregate';
import { roundedNrr } from '../ikm';
import { sampleSize } from '../sample-size';
import { type Summary, summarize } from '../summary';
import { ELEMENTS, type ElementCode } from '../survey';
import type { SkmReportInput } from './model';
import { dateLabel, formatNumber, periodLabel } from './text';

export interface RankedElement {
  code: ElementCode;
  name: string;
  nrr: number;
}

export interface ReportContext {
  isRegion: boolean;
  /** The unit (or the region, for a region report). */
  subject: string;
  label: string;
  dates: string;
  summary: Summary;
  n: number;
  required: number | null;
  adequate: boolean | null;
  ranked: RankedElement[];
  strengths: RankedElement[];
  weaknesses: RankedElement[];
}

/** The elements ranked by NRR, best first (ties by code), with their rounded NRR. */
export function rankedElements(agg: Aggregate): RankedElement[] {
  if (agg.n <= 0) return [];
  return ELEMENTS.map((element, e) => ({ code: element.code, name: element.name.id, nrr: roundedNrr(agg, e) ?? 0 }))
    .map((element, index) => ({ element, index }))
    .sort((a, b) => b.element.nrr - a.element.nrr || a.index - b.index)
    .map(({ element }) => element);
}

/** How many strengths and weaknesses the analysis names (the three highest and the three lowest NRR). */
export const STRENGTH_COUNT = 3;

export function reportContext(input: SkmReportInput): ReportContext {
  const summary = summarize(input.aggregate);
  const required = input.population === null ? null : sampleSize(input.population);
  const ranked = rankedElements(input.aggregate);
  return {
    isRegion: input.unit === null,
    subject: input.unit?.name ?? input.region.name,
    label: periodLabel(input.period),
    dates: `${dateLabel(input.period.start)} s.d. ${dateLabel(input.period.end)}`,
    summary,
    n: summary.responses,
    required,
    adequate: required === null ? null : summary.responses >= required,
    ranked,
    strengths: ranked.slice(0, STRENGTH_COUNT),
    weaknesses: ranked.slice(-STRENGTH_COUNT).reverse(),
  };
}

/** 'U3 Waktu pelayanan (NRR 3,125); …'. */
export function elementList(list: readonly RankedElement[]): string {
  return list.map((e) => `${e.code} ${e.name} (NRR ${formatNumber(e.nrr, 3)})`).join('; ');
}
