/**
 * @module
 * Storing a citizen's rating (SPEC §5) in ONE D1 round trip: a single atomic batch answers whether the
 * submissionId was already stored, counts the request against the per-minute limits, looks the counter up (and
 * re-checks that it is active: there is no earlier lookup that could go stale), applies the hourly limits, judges the
 * burst rule over what is really stored, inserts the response with its rollups (daily and monthly, worker/db/rollup-sql.ts) and redacted comment, and ends with
 * a SELECT that tells the caller what happened. D1 runs a batch as one transaction and one writer at a time, so
 * concurrent repeats and concurrent ratings at one counter each see the others' rows: no locks, no retries.
 * Raw SQL rather than drizzle: the guards are INSERT … SELECT … WHERE, sharing the rollup statement's SQL.
 */
import { BURST_MIN_RATINGS, BURST_WINDOW_MS, IDENTICAL_WINDOW_MS } from '../../domain/burst';
import { ELEMENT_CODES } from '../../domain/survey';
import { type GroupCommitOptions, groupCommit } from './group-commit';
import { rollupStatements } from './rollup-sql';

const SCORE_COLUMNS = ELEMENT_CODES.map((code) => code.toLowerCase());

/**
 * A device's ratings at a counter since an instant (bound: device hash, since; `t.counter_id` from the target).
 * A kiosk's own ratings count too: once revoked, the tablet is an anonymous device that has already rated here.
 */
const deviceCountSql = (aggregate: string) =>
  `SELECT ${aggregate} FROM responses WHERE counter_id = t.counter_id AND device_hash = ? AND submitted_at > ?`;
/**
 * A network's ratings at a counter since an instant (bound: network hash, since), kiosks' excepted: a tablet on the
 * office's Wi-Fi must not use up the limit of the citizens' phones on the same network.
 */
const networkCountSql = (aggregate: string) =>
  `SELECT ${aggregate} FROM responses WHERE counter_id = t.counter_id AND network_hash = ? AND submitted_at > ? AND kiosk_id IS NULL`;

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
   * Whether the Worker's own checks passed (Turnstile): when false the batch still answers repeats and counts the
   * request, but stores nothing.
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
  deviceHash: string;
  networkHash: string;
}

export interface RatingLimits {
  /** Requests per device per minute (this one included), counted in `rate_counters` under `minute`. */
  deviceMinute: { key: string; windowStart: number; limit: number };
  networkMinute: { key: string; windowStart: number; limit: number };
  /** Accepted ratings per device (and network) per counter since `since`; enrolled kiosks are exempt. */
  deviceCounter: { since: number; limit: number };
  networkCounter: { since: number; limit: number };
  /** False on a second attempt of the same request, so it is not counted twice. */
  countRequest: boolean;
}

/** What the batch did, in the order of SPEC §5's answers. */
export type StoreOutcome =
  | { kind: 'stored'; id: string }
  | { kind: 'repeat'; id: string }
  | { kind: 'device-minute-limit' }
  | { kind: 'network-minute-limit' }
  | { kind: 'counter-inactive' }
  | { kind: 'unknown-service' }
  | { kind: 'kiosk-token-invalid' }
  | { kind: 'kiosk-token-expired' }
  | { kind: 'not-accepted' }
  | { kind: 'unknown-time-zone'; timeZone: string }
  | { kind: 'device-counter-limit'; oldest: number }
  | { kind: 'network-counter-limit'; oldest: number };

interface StateRow {
  storedId: string | null;
  /** The stored rating's flag: 'burst' asks for the earlier ratings of the burst to be flagged too. */
  storedFlag: string | null;
  deviceMinute: number | null;
  networkMinute: number | null;
  counterId: number | null;
  active: number | null;
  kioskExpiredPolicy: string | null;
  timezone: string | null;
  localDate: string | null;
  serviceId: number | null;
  kioskId: string | null;
  deviceCount: number | null;
  deviceOldest: number | null;
  networkCount: number | null;
  networkOldest: number | null;
}

/**
 * The counter, its unit's service and the request's kiosk, by code: the `t` every statement of the batch reads.
 * Bound: local dates (JSON), service slug, kiosk credential hash, counter code.
 */
const TARGET_CTE = `t AS (
  SELECT c.id AS counter_id, c.active AS active, c.kiosk_expired_policy AS kiosk_expired_policy, c.unit_id AS unit_id,
         u.region_id AS region_id, r.timezone AS timezone,
         json_extract(?, '$."' || r.timezone || '"') AS local_date,
         (SELECT s.id FROM services s WHERE s.unit_id = c.unit_id AND s.slug = ?) AS service_id,
         (SELECT k.id FROM kiosks k WHERE k.counter_id = c.id AND k.credential_hash = ? AND k.revoked_at IS NULL) AS kiosk_id
  FROM counters c JOIN units u ON u.id = c.unit_id JOIN regions r ON r.id = u.region_id
  WHERE c.code = ?)`;

/** The one batch of a rating: every guard, the insert, its rollup and comment, and the state it leaves. */
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
  const statements: D1PreparedStatement[] = [];
  if (limits.countRequest) {
    // Every new request counts, also one refused later (unknown counter, bot, limits); a repeat never does. Both
    // windows in one statement: their keys differ (`minute:` and `network-minute:`), so each row upserts its own.
    statements.push(
      d1
        .prepare(
          `INSERT INTO rate_counters (key, window_start, count) SELECT column1, column2, 1 FROM (VALUES (?, ?), (?, ?))
           WHERE NOT EXISTS (SELECT 1 FROM responses WHERE submission_id = ?)
           ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1`,
        )
        .bind(
          limits.deviceMinute.key,
          limits.deviceMinute.windowStart,
          limits.networkMinute.key,
          limits.networkMinute.windowStart,
          rating.submissionId,
        ),
    );
  }

  const minuteCount = 'coalesce((SELECT count FROM rate_counters WHERE key = ? AND window_start = ?), 0)';
  const minuteParams = [
    limits.deviceMinute.key,
    limits.deviceMinute.windowStart,
    limits.networkMinute.key,
    limits.networkMinute.windowStart,
  ];
  const scoreMatch = SCORE_COLUMNS.map((c) => `${c} = ?`).join(' AND ');
  // The burst rule of domain/burst.ts, judged in SQL over the rows really stored (test/api/burst-sql.test.ts keeps
  // the two equal): five ratings from one network at the counter within a minute, or the same device sending the
  // same answers and service again within ten minutes.
  const flagReason = `CASE
    WHEN (SELECT count(*) FROM responses WHERE counter_id = t.counter_id AND network_hash = ? AND submitted_at > ?) + 1 >= ${BURST_MIN_RATINGS} THEN 'burst'
    WHEN EXISTS (SELECT 1 FROM responses WHERE counter_id = t.counter_id AND device_hash = ? AND submitted_at > ?
                 AND service_id IS t.service_id AND ${scoreMatch}) THEN 'identical-repeat'
  END`;
  const flagParams = [
    rating.networkHash,
    rating.submittedAt - BURST_WINDOW_MS,
    rating.deviceHash,
    rating.submittedAt - IDENTICAL_WINDOW_MS,
    ...rating.scores,
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
  const conditions = [
    '? = 1',
    't.active = 1',
    't.local_date IS NOT NULL',
    '(? IS NULL OR t.service_id IS NOT NULL)',
    `(? IS NULL OR ? = 'valid' OR (? = 'expired' AND t.kiosk_expired_policy != 'refuse'))`,
    `${minuteCount} <= ?`,
    `${minuteCount} <= ?`,
    // An enrolled kiosk rates many citizens from one device: the hourly limits are for anonymous devices only.
    `(t.kiosk_id IS NOT NULL OR ((${deviceCountSql('count(*)')}) < ? AND (${networkCountSql('count(*)')}) < ?))`,
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
    rating.deviceHash,
    limits.deviceCounter.since,
    limits.deviceCounter.limit,
    rating.networkHash,
    limits.networkCounter.since,
    limits.networkCounter.limit,
  ];
  statements.push(
    d1
      .prepare(
        `WITH ${TARGET_CTE}, v AS (SELECT t.*, ${flagReason} AS flag_reason FROM t)
         INSERT INTO responses (${columns.join(', ')})
         SELECT ${values.join(', ')} FROM v AS t
         WHERE ${conditions.join(' AND ')}
         ON CONFLICT (submission_id) DO NOTHING`,
      )
      .bind(...targetParams, ...flagParams, ...valueParams, ...conditionParams),
  );
  // Only what this batch inserted is folded in: for a repeat or a refusal there is no row with this id.
  statements.push(...rollupStatements(d1, 'id = ?', [rating.id]));

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
                (SELECT flag_reason FROM responses WHERE id = ?) AS storedFlag,
                ${minuteCount} AS deviceMinute, ${minuteCount} AS networkMinute,
                t.counter_id AS counterId, t.active AS active, t.kiosk_expired_policy AS kioskExpiredPolicy,
                t.timezone AS timezone, t.local_date AS localDate, t.service_id AS serviceId, t.kiosk_id AS kioskId,
                (${deviceCountSql('count(*)')}) AS deviceCount, (${deviceCountSql('min(submitted_at)')}) AS deviceOldest,
                (${networkCountSql('count(*)')}) AS networkCount, (${networkCountSql('min(submitted_at)')}) AS networkOldest
         FROM (SELECT 1) LEFT JOIN t ON 1`,
      )
      .bind(
        ...targetParams,
        rating.submissionId,
        rating.id,
        ...minuteParams,
        rating.deviceHash,
        limits.deviceCounter.since,
        rating.deviceHash,
        limits.deviceCounter.since,
        rating.networkHash,
        limits.networkCounter.since,
        rating.networkHash,
        limits.networkCounter.since,
      ),
  );

  // Sent together with concurrent ratings' batches (worker/db/group-commit.ts): still one round trip each, fewer in all.
  const results = await groupCommit(d1, statements, options);
  const state = results[results.length - 1]?.results[0] as unknown as StateRow;
  if (state.storedId === rating.id && state.storedFlag === 'burst') await flagEarlierOfBurst(d1, rating);
  return outcomeOf(state, rating, limits);
}

/**
 * A stored burst also takes the same network's earlier unflagged ratings at the counter within the burst window out
 * of the indicators (removed from the rollups first, while still unflagged, then flagged), so the first four of a
 * burst do not count either; other networks' ratings are left alone. A second round trip, only for the rare rating
 * that completes a burst: carrying these three statements (two of them wide rollup updates) in every rating's batch
 * cost about a fifth of the throughput (docs/rating.md, "Round trips"). Should this batch never run (the Worker
 * stopped in between), the earlier ratings stay counted and unflagged: rollups still equal the unflagged raw rows.
 */
async function flagEarlierOfBurst(d1: D1Database, rating: NewRating): Promise<void> {
  const others = `network_hash = ? AND submitted_at > ? AND id != ?
    AND counter_id = (SELECT counter_id FROM responses WHERE id = ? AND flag_reason = 'burst')`;
  const otherParams = [rating.networkHash, rating.submittedAt - BURST_WINDOW_MS, rating.id, rating.id];
  await d1.batch([
    ...rollupStatements(d1, others, otherParams, -1),
    d1
      .prepare(`UPDATE responses SET flagged = 1, flag_reason = 'burst' WHERE flagged = 0 AND ${others}`)
      .bind(...otherParams),
  ]);
}

/** Reads the batch's last row in the order of SPEC §5: repeat first, then the per-minute limits, then the rest. */
function outcomeOf(state: StateRow, rating: NewRating, limits: RatingLimits): StoreOutcome {
  if (state.storedId === rating.id) return { kind: 'stored', id: rating.id };
  if (state.storedId) return { kind: 'repeat', id: state.storedId };
  if ((state.deviceMinute ?? 0) > limits.deviceMinute.limit) return { kind: 'device-minute-limit' };
  if ((state.networkMinute ?? 0) > limits.networkMinute.limit) return { kind: 'network-minute-limit' };
  if (state.counterId === null || state.active !== 1) return { kind: 'counter-inactive' };
  if (rating.serviceSlug !== undefined && state.serviceId === null) return { kind: 'unknown-service' };
  if (rating.kioskToken === 'invalid') return { kind: 'kiosk-token-invalid' };
  if (rating.kioskToken === 'expired' && state.kioskExpiredPolicy === 'refuse') return { kind: 'kiosk-token-expired' };
  if (!rating.accepted) return { kind: 'not-accepted' };
  if (state.localDate === null) return { kind: 'unknown-time-zone', timeZone: state.timezone ?? '' };
  if (state.kioskId === null && (state.deviceCount ?? 0) >= limits.deviceCounter.limit) {
    return { kind: 'device-counter-limit', oldest: state.deviceOldest ?? rating.submittedAt };
  }
  if (state.kioskId === null && (state.networkCount ?? 0) >= limits.networkCounter.limit) {
    return { kind: 'network-counter-limit', oldest: state.networkOldest ?? rating.submittedAt };
  }
  // Every guard of the insert held, yet nothing was stored: a state the batch cannot reach (it is one transaction).
  throw new Error('storeRating: the batch stored nothing and reported no reason');
}
