/**
 * @module
 * Storing a citizen's rating (SPEC §5) in ONE D1 round trip: a single atomic batch answers whether the
 * submissionId was already stored, looks the counter up (and re-checks that it is active: there is no earlier lookup
 * that could go stale), applies the per-minute limits, judges whether the rating counts or is held (domain/burst.ts,
 * over what is really stored), inserts the response (SQLite's triggers fold it into the rollups,
 * worker/db/rollup-sql.ts) and its redacted comment, counts it in the minute windows, and ends with a SELECT that tells
 * the caller what happened. D1 runs a batch as one transaction, one writer at a time: concurrent ratings see each
 * other's rows: no locks, no retries. Raw SQL.
 */
import { BURST_MIN_RATINGS, BURST_WINDOW_MS, IDENTICAL_WINDOW_MS } from '../../domain/burst';
import { ELEMENT_CODES } from '../../domain/survey';
import { type GroupCommitOptions, groupCommit } from './group-commit';

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
 * Bound: local dates (JSON), service slug, kiosk credential hash, counter code.
 */
const TARGET_CTE = `t AS MATERIALIZED (
  SELECT c.id AS counter_id, c.active AS active, c.kiosk_expired_policy AS kiosk_expired_policy, c.unit_id AS unit_id,
         u.region_id AS region_id, r.timezone AS timezone,
         json_extract(?, '$."' || r.timezone || '"') AS local_date,
         (SELECT s.id FROM services s WHERE s.unit_id = c.unit_id AND s.slug = ?) AS service_id,
         (SELECT k.id FROM kiosks k WHERE k.counter_id = c.id AND k.credential_hash = ? AND k.revoked_at IS NULL) AS kiosk_id
  FROM counters c JOIN units u ON u.id = c.unit_id JOIN regions r ON r.id = u.region_id
  WHERE c.code = ?)`;

/** A minute window's count so far (bound: key, window start); a null key counts 0. */
const MINUTE_COUNT = 'coalesce((SELECT count FROM rate_counters WHERE key = ? AND window_start = ?), 0)';

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
  const targetParams = [
    JSON.stringify(rating.localDates),
    rating.serviceSlug ?? '',
    rating.kioskCredentialHash ?? '',
    rating.counterCode,
  ];
  const minuteParams = [
    limits.deviceMinute.key,
    limits.deviceMinute.windowStart,
    limits.networkMinute.key,
    limits.networkMinute.windowStart,
  ];
  const scoreMatch = SCORE_COLUMNS.map((c) => `${c} = ?`).join(' AND ');
  // judgeRating of domain/burst.ts, in SQL over the rows really stored (test/api/burst-sql.test.ts keeps the two
  // equal). A null device hash matches no row, so no device rule applies to it. Every count is read through an index
  // led by the counter and the source (device or network): a busy counter's other ratings are never scanned.
  const flagReason = `CASE
    WHEN CASE WHEN ? IS NULL
           THEN (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND network_hash = ?
                 AND device_hash IS NULL AND submitted_at > ? AND flagged = 0)
           ELSE (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND device_hash = ?
                 AND submitted_at > ? AND flagged = 0)
         END + 1 >= ${BURST_MIN_RATINGS} THEN 'burst'
    WHEN EXISTS (SELECT 1 FROM responses WHERE counter_id = t.counter_id AND device_hash = ? AND submitted_at > ?
                 AND service_id IS t.service_id AND ${scoreMatch}) THEN 'identical-repeat'
    WHEN t.kiosk_id IS NOT NULL THEN NULL
    WHEN (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND device_hash = ? AND submitted_at > ?
          AND flagged = 0) >= ? THEN 'device-limit'
    WHEN (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND network_hash = ? AND submitted_at > ?
          AND flagged = 0 AND kiosk_id IS NULL) >= ? THEN 'network-limit'
  END`;
  const flagParams = [
    rating.deviceHash,
    rating.networkHash,
    rating.submittedAt - BURST_WINDOW_MS,
    rating.deviceHash,
    rating.submittedAt - BURST_WINDOW_MS,
    rating.deviceHash,
    rating.submittedAt - IDENTICAL_WINDOW_MS,
    ...rating.scores,
    rating.deviceHash,
    limits.hourly.since,
    limits.hourly.device,
    rating.networkHash,
    limits.hourly.since,
    limits.hourly.network,
  ];
  const columns = [
    'id',
    'submission_id',
    'region_id',
    'unit_id',
    'counter_id',
    'service_id',
    'channel',
    ...SCORE_COLUMNS,
    'gender',
    'age',
    'education',
    'occupation',
    'submitted_at',
    'local_date',
    'device_hash',
    'network_hash',
    'kiosk_id',
    'flagged',
    'flag_reason',
    'kiosk_token',
  ];
  const values = [
    '?',
    '?',
    't.region_id',
    't.unit_id',
    't.counter_id',
    't.service_id',
    `CASE WHEN ? IS NOT NULL OR t.kiosk_id IS NOT NULL THEN 'kiosk' ELSE 'qr' END`,
    ...SCORE_COLUMNS.map(() => '?'),
    '?',
    '?',
    '?',
    '?',
    '?',
    't.local_date',
    '?',
    '?',
    't.kiosk_id',
    'flag_reason IS NOT NULL',
    'flag_reason',
    '?',
  ];
  const valueParams = [
    rating.id,
    rating.submissionId,
    rating.kioskToken,
    ...rating.scores,
    rating.respondent.gender ?? null,
    rating.respondent.age ?? null,
    rating.respondent.education ?? null,
    rating.respondent.occupation ?? null,
    rating.submittedAt,
    rating.deviceHash,
    rating.networkHash,
    rating.kioskToken,
  ];
  // No hourly limit here: what it would refuse is stored held (flag_reason above), never refused.
  const conditions = [
    '? = 1',
    't.active = 1',
    't.local_date IS NOT NULL',
    '(? IS NULL OR t.service_id IS NOT NULL)',
    `(? IS NULL OR ? = 'valid' OR (? = 'expired' AND t.kiosk_expired_policy != 'refuse'))`,
    `${MINUTE_COUNT} < ?`,
    `${MINUTE_COUNT} < ?`,
  ];
  const conditionParams = [
    rating.accepted ? 1 : 0,
    rating.serviceSlug ?? null,
    rating.kioskToken,
    rating.kioskToken,
    rating.kioskToken,
    minuteParams[0],
    minuteParams[1],
    limits.deviceMinute.limit,
    minuteParams[2],
    minuteParams[3],
    limits.networkMinute.limit,
  ];
  const statements: D1PreparedStatement[] = [
    d1
      .prepare(
        // MATERIALIZED: once, not once per use (SQLite would otherwise inline the verdict's counts into each column).
        `WITH ${TARGET_CTE}, v AS MATERIALIZED (SELECT t.*, ${flagReason} AS flag_reason FROM t)
         INSERT INTO responses (${columns.join(', ')})
         SELECT ${values.join(', ')} FROM v AS t
         WHERE ${conditions.join(' AND ')}
         ON CONFLICT (submission_id) DO NOTHING`,
      )
      .bind(...targetParams, ...flagParams, ...valueParams, ...conditionParams),
    // The minute windows count stored ratings only, so a flood of refused tokens (or anything else refused) cannot
    // use up a shared network's minute. Both windows in one statement: their keys differ (`minute:`,
    // `network-minute:`), so each row upserts its own; a device without a hash has no window.
    d1
      .prepare(
        `INSERT INTO rate_counters (key, window_start, count) SELECT column1, column2, 1 FROM (VALUES (?, ?), (?, ?))
         WHERE column1 IS NOT NULL AND EXISTS (SELECT 1 FROM responses WHERE id = ?)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1`,
      )
      .bind(...minuteParams, rating.id),
  ];
  if (rating.comment) {
    statements.push(
      d1
        .prepare(
          `INSERT INTO comments (id, response_id, region_id, unit_id, body, status, local_date)
           SELECT ?, id, region_id, unit_id, ?, 'pending', local_date FROM responses WHERE id = ?`,
        )
        .bind(rating.comment.id, rating.comment.body, rating.id),
    );
  }
  statements.push(
    d1
      .prepare(
        `WITH ${TARGET_CTE}
         SELECT (SELECT id FROM responses WHERE submission_id = ?) AS storedId,
                (SELECT flagged FROM responses WHERE submission_id = ?) AS storedHeld,
                ${MINUTE_COUNT} AS deviceMinute, ${MINUTE_COUNT} AS networkMinute,
                t.counter_id AS counterId, t.active AS active, t.kiosk_expired_policy AS kioskExpiredPolicy,
                t.timezone AS timezone, t.local_date AS localDate, t.service_id AS serviceId
         FROM (SELECT 1) LEFT JOIN t ON 1`,
      )
      .bind(...targetParams, rating.submissionId, rating.submissionId, ...minuteParams),
  );

  // Sent together with concurrent ratings' batches (worker/db/group-commit.ts): still one round trip each, fewer in all.
  const results = await groupCommit(d1, statements, options);
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
 * reason, worker/admin/moderation.ts). Read through the region-and-date index; units with none are absent.
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
