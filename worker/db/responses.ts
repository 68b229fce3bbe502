/**
 * @module
 * Storing a citizen's rating (SPEC §5) in one atomic D1 batch: it answers a repeat, checks the counter and the
 * minute limits, judges in SQL whether the rating counts or is held, inserts it (triggers fold it into the rollups)
 * with its comment, counts it, and ends with a SELECT of what it did. docs/rating.md, "Round trips".
 */
import { BURST_MIN_RATINGS, BURST_WINDOW_MS, IDENTICAL_WINDOW_MS } from '../../domain/burst';
import { ELEMENT_CODES } from '../../domain/survey';
import { type GroupCommitOptions, groupCommit } from './group-commit';
import { joinSql, prepare, raw, type Statement, sql } from './statement';

const SCORE_COLUMNS = ELEMENT_CODES.map((code) => code.toLowerCase());

export interface NewRating {
  id: string;
  submissionId: string;
  counterCode: string;
  serviceSlug: string | undefined;
  /** SHA-256 of the kiosk credential the request carries, if any: an enrolled, unrevoked kiosk of the counter. */
  kioskCredentialHash: string | null;
  /** The kiosk QR token's state, checked by the Worker against the requested code; null without a token. */
  kioskToken: 'valid' | 'expired' | 'invalid' | null;
  /**
   * Whether the Worker's own checks passed (Turnstile): when false the batch still answers repeats and the checks
   * before Turnstile, but stores and counts nothing.
   */
  accepted: boolean;
  scores: number[];
  respondent: { gender?: string; age?: number; education?: string; occupation?: string };
  /** Already redacted. */
  comment: { id: string; body: string } | null;
  submittedAt: number;
  /**
   * The local date of `submittedAt` in each time zone the caller knows (IANA name → YYYY-MM-DD). The region's zone
   * is picked inside the batch; a zone missing here stores nothing and is reported as `unknown-time-zone`.
   */
  localDates: Record<string, string>;
  /** The device or install (worker/security/device-hash.ts `ratingDeviceHash`); null: no per-device rule applies. */
  deviceHash: string | null;
  networkHash: string;
}

export interface RatingLimits {
  /**
   * Stored ratings per device (and network) per minute, counted in `rate_counters` only when this batch stores one:
   * a refused token, a repeat or a refusal counts nowhere. A null key (no device) has no device window.
   */
  deviceMinute: { key: string | null; windowStart: number; limit: number };
  networkMinute: { key: string; windowStart: number; limit: number };
  /** Counted ratings per device and per network per counter since `since`, beyond which a rating is held. */
  hourly: { since: number; device: number; network: number };
}

/** What the batch did, in the order of SPEC §5's answers. */
export type StoreOutcome =
  | { kind: 'stored'; id: string; held: boolean }
  | { kind: 'repeat'; id: string; held: boolean }
  | { kind: 'counter-inactive' }
  | { kind: 'unknown-service' }
  | { kind: 'kiosk-token-invalid' }
  | { kind: 'kiosk-token-expired' }
  | { kind: 'device-minute-limit' }
  | { kind: 'network-minute-limit' }
  | { kind: 'not-accepted' }
  | { kind: 'unknown-time-zone'; timeZone: string };

interface StateRow {
  storedId: string | null;
  /** Whether the row stored under this submissionId is held (flagged) right now. */
  storedHeld: number | null;
  deviceMinute: number | null;
  networkMinute: number | null;
  counterId: number | null;
  active: number | null;
  kioskExpiredPolicy: string | null;
  timezone: string | null;
  localDate: string | null;
  serviceId: number | null;
}

/**
 * The counter, its unit's service and the request's kiosk, by code: the `t` every statement of the batch reads.
 * Materialized: SQLite would otherwise repeat its subqueries in each column that reads them.
 */
function target(rating: NewRating): Statement {
  return sql`t AS MATERIALIZED (
  SELECT c.id AS counter_id, c.active AS active, c.kiosk_expired_policy AS kiosk_expired_policy, c.unit_id AS unit_id,
         u.region_id AS region_id, r.timezone AS timezone,
         json_extract(${JSON.stringify(rating.localDates)}, '$."' || r.timezone || '"') AS local_date,
         (SELECT s.id FROM services s WHERE s.unit_id = c.unit_id AND s.slug = ${rating.serviceSlug ?? ''}) AS service_id,
         (SELECT k.id FROM kiosks k WHERE k.counter_id = c.id AND k.credential_hash = ${rating.kioskCredentialHash ?? ''}
            AND k.revoked_at IS NULL) AS kiosk_id
  FROM counters c JOIN units u ON u.id = c.unit_id JOIN regions r ON r.id = u.region_id
  WHERE c.code = ${rating.counterCode})`;
}

/** A minute window's count so far; a null key counts 0. */
function minuteCount(window: { key: string | null; windowStart: number }): Statement {
  return sql`coalesce((SELECT count FROM rate_counters WHERE key = ${window.key} AND window_start = ${window.windowStart}), 0)`;
}

/**
 * Why the rating is held, or NULL: judgeRating of domain/burst.ts in SQL over the rows really stored
 * (test/api/burst-sql.test.ts keeps the two equal). A null device hash matches no row, so no device rule applies to
 * it. Every count goes through an index led by the counter and the source (device or network), so a busy counter's
 * other ratings are never read (test/api/store-rating.test.ts reads the plans).
 */
function flagReason(rating: NewRating, limits: RatingLimits): Statement {
  const { deviceHash: device, networkHash: network, submittedAt } = rating;
  const sameAnswers = joinSql(
    SCORE_COLUMNS.map((column, i) => sql`${raw(column)} = ${rating.scores[i]}`),
    ' AND ',
  );
  return sql`CASE
    WHEN CASE WHEN ${device} IS NULL
           THEN (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND network_hash = ${network}
                 AND device_hash IS NULL AND submitted_at > ${submittedAt - BURST_WINDOW_MS} AND flagged = 0)
           ELSE (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND device_hash = ${device}
                 AND submitted_at > ${submittedAt - BURST_WINDOW_MS} AND flagged = 0)
         END + 1 >= ${raw(String(BURST_MIN_RATINGS))} THEN 'burst'
    WHEN EXISTS (SELECT 1 FROM responses WHERE counter_id = t.counter_id AND device_hash = ${device}
                 AND submitted_at > ${submittedAt - IDENTICAL_WINDOW_MS} AND service_id IS t.service_id
                 AND ${sameAnswers}) THEN 'identical-repeat'
    WHEN t.kiosk_id IS NOT NULL THEN NULL
    WHEN (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND device_hash = ${device}
          AND submitted_at > ${limits.hourly.since} AND flagged = 0) >= ${limits.hourly.device} THEN 'device-limit'
    WHEN (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND network_hash = ${network}
          AND submitted_at > ${limits.hourly.since} AND flagged = 0 AND kiosk_id IS NULL) >= ${limits.hourly.network}
         THEN 'network-limit'
  END`;
}

/** Each column of the new response and what it is given (`t` is the target with its verdict `flag_reason`). */
function responseValues(rating: NewRating): [column: string, value: Statement][] {
  const { respondent, kioskToken } = rating;
  return [
    ['id', sql`${rating.id}`],
    ['submission_id', sql`${rating.submissionId}`],
    ['region_id', sql`t.region_id`],
    ['unit_id', sql`t.unit_id`],
    ['counter_id', sql`t.counter_id`],
    ['service_id', sql`t.service_id`],
    ['channel', sql`CASE WHEN ${kioskToken} IS NOT NULL OR t.kiosk_id IS NOT NULL THEN 'kiosk' ELSE 'qr' END`],
    ...SCORE_COLUMNS.map((column, i): [string, Statement] => [column, sql`${rating.scores[i]}`]),
    ['gender', sql`${respondent.gender ?? null}`],
    ['age', sql`${respondent.age ?? null}`],
    ['education', sql`${respondent.education ?? null}`],
    ['occupation', sql`${respondent.occupation ?? null}`],
    ['submitted_at', sql`${rating.submittedAt}`],
    ['local_date', sql`t.local_date`],
    ['device_hash', sql`${rating.deviceHash}`],
    ['network_hash', sql`${rating.networkHash}`],
    ['kiosk_id', sql`t.kiosk_id`],
    ['flagged', sql`flag_reason IS NOT NULL`],
    ['flag_reason', sql`flag_reason`],
    ['kiosk_token', sql`${kioskToken}`],
  ];
}

/**
 * What must hold for the rating to be stored. No hourly limit here: what it would refuse is stored held
 * (`flag_reason`), never refused.
 */
function storeConditions(rating: NewRating, limits: RatingLimits): Statement {
  const { kioskToken } = rating;
  return joinSql(
    [
      sql`${rating.accepted ? 1 : 0} = 1`,
      sql`t.active = 1`,
      sql`t.local_date IS NOT NULL`,
      sql`(${rating.serviceSlug ?? null} IS NULL OR t.service_id IS NOT NULL)`,
      sql`(${kioskToken} IS NULL OR ${kioskToken} = 'valid' OR (${kioskToken} = 'expired' AND t.kiosk_expired_policy != 'refuse'))`,
      sql`${minuteCount(limits.deviceMinute)} < ${limits.deviceMinute.limit}`,
      sql`${minuteCount(limits.networkMinute)} < ${limits.networkMinute.limit}`,
    ],
    ' AND ',
  );
}

/**
 * The one batch of a rating: every guard and the insert, the minute windows, the comment, and the state it leaves.
 * Three statements (four with a comment): the rollups are folded in by the insert's own trigger.
 */
export async function storeRating(
  d1: D1Database,
  rating: NewRating,
  limits: RatingLimits,
  options: GroupCommitOptions = {},
): Promise<StoreOutcome> {
  const values = responseValues(rating);
  const statements: Statement[] = [
    // The verdict is materialized too: once, not once for each of the two columns that read it.
    sql`WITH ${target(rating)}, v AS MATERIALIZED (SELECT t.*, ${flagReason(rating, limits)} AS flag_reason FROM t)
       INSERT INTO responses (${raw(values.map(([column]) => column).join(', '))})
       SELECT ${joinSql(
         values.map(([, value]) => value),
         ', ',
       )} FROM v AS t
       WHERE ${storeConditions(rating, limits)}
       ON CONFLICT (submission_id) DO NOTHING`,
    // The minute windows count stored ratings only, so a flood of refused tokens (or anything else refused) cannot
    // use up a shared network's minute. Both windows in one statement: their keys differ (`minute:`,
    // `network-minute:`), so each row upserts its own; a device without a hash has no window.
    sql`INSERT INTO rate_counters (key, window_start, count) SELECT column1, column2, 1
       FROM (VALUES (${limits.deviceMinute.key}, ${limits.deviceMinute.windowStart}),
                    (${limits.networkMinute.key}, ${limits.networkMinute.windowStart}))
       WHERE column1 IS NOT NULL AND EXISTS (SELECT 1 FROM responses WHERE id = ${rating.id})
       ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1`,
  ];
  if (rating.comment) {
    statements.push(
      sql`INSERT INTO comments (id, response_id, region_id, unit_id, body, status, local_date)
         SELECT ${rating.comment.id}, id, region_id, unit_id, ${rating.comment.body}, 'pending', local_date
         FROM responses WHERE id = ${rating.id}`,
    );
  }
  statements.push(
    sql`WITH ${target(rating)}
       SELECT (SELECT id FROM responses WHERE submission_id = ${rating.submissionId}) AS storedId,
              (SELECT flagged FROM responses WHERE submission_id = ${rating.submissionId}) AS storedHeld,
              ${minuteCount(limits.deviceMinute)} AS deviceMinute, ${minuteCount(limits.networkMinute)} AS networkMinute,
              t.counter_id AS counterId, t.active AS active, t.kiosk_expired_policy AS kioskExpiredPolicy,
              t.timezone AS timezone, t.local_date AS localDate, t.service_id AS serviceId
       FROM (SELECT 1) LEFT JOIN t ON 1`,
  );

  // Sent together with concurrent ratings' batches (worker/db/group-commit.ts): still one round trip each, fewer in all.
  const results = await groupCommit(
    d1,
    statements.map((statement) => prepare(d1, statement)),
    options,
  );
  const state = results[results.length - 1]?.results[0] as unknown as StateRow;
  return outcomeOf(state, rating, limits);
}

/**
 * Reads the batch's last row in the order of SPEC §5: a repeat first, then the counter, service and kiosk token,
 * then a minute window already full (so siteverify is not asked for a rating that could not be stored), then
 * Turnstile. A stored rating is never refused: what the hourly limits or the burst rule would refuse is held.
 */
function outcomeOf(state: StateRow, rating: NewRating, limits: RatingLimits): StoreOutcome {
  const held = state.storedHeld === 1;
  if (state.storedId === rating.id) return { kind: 'stored', id: rating.id, held };
  if (state.storedId) return { kind: 'repeat', id: state.storedId, held };
  if (state.counterId === null || state.active !== 1) return { kind: 'counter-inactive' };
  if (rating.serviceSlug !== undefined && state.serviceId === null) return { kind: 'unknown-service' };
  if (rating.kioskToken === 'invalid') return { kind: 'kiosk-token-invalid' };
  if (rating.kioskToken === 'expired' && state.kioskExpiredPolicy === 'refuse') return { kind: 'kiosk-token-expired' };
  if (limits.deviceMinute.key !== null && (state.deviceMinute ?? 0) >= limits.deviceMinute.limit) {
    return { kind: 'device-minute-limit' };
  }
  if ((state.networkMinute ?? 0) >= limits.networkMinute.limit) return { kind: 'network-minute-limit' };
  if (!rating.accepted) return { kind: 'not-accepted' };
  if (state.localDate === null) return { kind: 'unknown-time-zone', timeZone: state.timezone ?? '' };
  // Every guard of the insert held, yet nothing was stored: a state the batch cannot reach (it is one transaction).
  throw new Error('storeRating: the batch stored nothing and reported no reason');
}

/**
 * Per unit of a region, the ratings of local dates `from`…`to` still held for a staff check (the operator's
 * dashboard, SPEC §5): flagged, and neither released (that clears the flag) nor rejected (`rejectedPrefix` on the
 * reason, worker/services/admin/moderation.ts). Read through the region-and-date index; units with none are absent.
 */
export async function heldRatingsByUnit(
  d1: D1Database,
  regionId: number,
  period: { from: string; to: string },
  rejectedPrefix: string,
): Promise<Map<number, number>> {
  const { results } = await d1
    .prepare(
      `SELECT unit_id, count(*) AS n FROM responses
       WHERE region_id = ? AND local_date BETWEEN ? AND ? AND flagged = 1
         AND substr(coalesce(flag_reason, ''), 1, length(?)) != ?
       GROUP BY unit_id`,
    )
    .bind(regionId, period.from, period.to, rejectedPrefix, rejectedPrefix)
    .all<{ unit_id: number; n: number }>();
  return new Map(results.map((row) => [row.unit_id, row.n]));
}
