/**
 * @module
 * SKP evidence (bukti dukung "Penerima Layanan", PermenPANRB 6/2022) of one unit × period: issuing the
 * signed link from the unit's unsuppressed figures, and verifying one, which also recomputes today's
 * figures so an assessor sees whether the data changed since issue (late paper entries, moderation).
 */
import type { Period } from '../../../domain/periods';
import { parsePeriod } from '../../../domain/periods';
import { isSuppressed, type Summary } from '../../../domain/summary';
import { database } from '../../db/client';
import { findRegion, findUnit, type Region, type Unit } from '../../db/regions';
import { type EvidenceClaim, signEvidence, verifyEvidence } from '../../security/evidence-token';
import { planForPeriod } from '../indicators/disclosure';
import { unitScore } from '../indicators/scores';

/** The public path of the verification page. */
export const EVIDENCE_PATH = '/bukti';

export interface IssuedEvidence {
  token: string;
  url: string;
  claim: EvidenceClaim;
}

/** The signed figures of a claim, as the API answers them (issue and verification alike). */
export function claimFigures(claim: EvidenceClaim) {
  return {
    region: claim.r,
    unit: claim.u,
    period: claim.p,
    responses: claim.n,
    ikm: claim.ikm,
    ikmLow: claim.lo,
    ikmHigh: claim.hi,
    grade: claim.g,
    issuedOn: claim.at,
  };
}

export function evidenceUrl(origin: string, token: string): string {
  return `${origin}${EVIDENCE_PATH}/${token}`;
}

/** Signs the figures of a unit's period; null when there are none (no responses: nothing to attest). */
export async function issueEvidence(
  key: string,
  origin: string,
  region: Pick<Region, 'slug'>,
  unit: Pick<Unit, 'slug'>,
  period: Period,
  summary: Summary,
  issuedOn: string,
): Promise<IssuedEvidence | null> {
  if (summary.ikm === null || summary.ikmLow === null || summary.ikmHigh === null || summary.grade === null) {
    return null;
  }
  const claim: EvidenceClaim = {
    v: 1,
    r: region.slug,
    u: unit.slug,
    p: period.id,
    n: summary.responses,
    ikm: summary.ikm,
    lo: summary.ikmLow,
    hi: summary.ikmHigh,
    g: summary.grade,
    at: issuedOn,
  };
  const token = await signEvidence(key, claim);
  return { token, url: evidenceUrl(origin, token), claim };
}

export type EvidenceVerification =
  | { valid: false }
  | {
      valid: true;
      claim: EvidenceClaim;
      region: { slug: string; name: string } | null;
      unit: { slug: string; name: string } | null;
      period: Period;
      /** Today's figures of the same unit and period, or null when the unit no longer exists. */
      current: Pick<Summary, 'responses' | 'ikm' | 'ikmLow' | 'ikmHigh' | 'grade'> | null;
      /** Whether today's figure is public (the region-year's disclosure plan, SPEC §4): only then may the page show it. */
      currentPublic: boolean;
      /** True when today's n, IKM and grade equal the signed ones. */
      matches: boolean | null;
    };

export async function verifyEvidenceToken(d1: D1Database, key: string, token: string): Promise<EvidenceVerification> {
  const check = await verifyEvidence(key, token);
  if (!check.valid) return { valid: false };
  const { claim } = check;
  const period = parsePeriod(claim.p)!;
  const db = database(d1);
  const region = await findRegion(db, claim.r);
  const unit = region ? await findUnit(db, region.id, claim.u) : undefined;
  if (!region || !unit) {
    return {
      valid: true,
      claim,
      region: region ?? null,
      unit: null,
      period,
      current: null,
      currentPublic: false,
      matches: null,
    };
  }
  const [score, plan] = await Promise.all([
    unitScore(d1, region, unit, period, 'agency'),
    planForPeriod(d1, region.id, period),
  ]);
  return {
    valid: true,
    claim,
    region: { slug: region.slug, name: region.name },
    unit: { slug: unit.slug, name: unit.name },
    period,
    current: score,
    currentPublic: !isSuppressed(score.responses) && plan.unitPublished(unit.id, period.id),
    matches: score.responses === claim.n && score.ikm === claim.ikm && score.grade === claim.g,
  };
}
