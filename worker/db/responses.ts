/**
 * @module
 * Storing a citizen's rating (SPEC §5). Everything that must agree is written in one atomic D1 batch: the
 * response, its rollup (through {@link rollupStatements}, daily and monthly) and its redacted comment. The per-minute request count
 * is taken earlier, in the preflight batch, so requests refused before storing count too.
 * Guards inside the batch make it safe under concurrency without locks: the INSERT does nothing on a repeated
 * `submission_id`, nothing past a rate limit, and nothing when another rating reached the same counter since the
 * caller looked (so the burst rule always judges what is really there; the caller then looks again).
 * Raw SQL rather than drizzle: the guards are INSERT … SELECT … WHERE, sharing the rollup statement's SQL.
 */
import { answerSignature, type FlagReason, type RatingFingerprint } from '../../domain/burst';
import { ELEMENT_CODES } from '../../domain/survey';
import { rollupStatements } from './rollup-sql';

const SCORE_COLUMNS = ELEMENT_CODES.map((code) => code.toLowerCase());
/** At most this many recent ratings are read for the burst rule: far more than any rule threshold. */
const RECENT_LIMIT = 200;

/**
 * A device's ratings at a counter since an instant (bound: counter, device hash, since). A kiosk's own ratings count
 * too: once revoked, the tablet is an anonymous device that has already rated here.
 */
const DEVICE_COUNT_SQL = 'SELECT count(*) FROM responses WHERE counter_id = ? AND device_hash = ? AND submitted_at > ?';
/**
 * A network's ratings at a counter since an instant (bound: counter, network hash, since), kiosks' excepted: a
 * tablet on the office's Wi-Fi must not use up the limit of the citizens' phones on the same network.
 */
const NETWORK_COUNT_SQL =
  'SELECT count(*) FROM responses WHERE counter_id = ? AND network_hash = ? AND submitted_at > ? AND kiosk_id IS NULL';

export interface RatingTarget {
  counterId: number;
  counterCode: string;
  active: boolean;
  kioskExpiredPolicy: 'mark' | 'refuse';
  unitId: number;
  regionId: number;
  timezone: string;
}

export interface CounterSnapshot {
  /** Ratings at the counter since `since`, newest first (at most {@link RECENT_LIMIT}). */
  recent: RatingFingerprint[];
  /** How many there are in all: the guard the store batch checks. */
  count: number;
  since: number;
}

export interface Preflight {
  /** The stored response of this submissionId, if it was already stored. */
  existingId: string | null;
  /** This device's requests in the current minute, this one included; null for a repeat, which never counts. */
  requestsThisMinute: number | null;
  /** The same for the device's network. */
  networkRequestsThisMinute: number | null;
  target: RatingTarget | null;
  /** The id of the requested service if it belongs to the counter's unit; null if absent or unknown. */
  serviceId: number | null;
  /** The enrolled, unrevoked kiosk of this counter whose credential the request carries; null otherwise. */
  kioskId: string | null;
  snapshot: CounterSnapshot;
}

function recentStatement(d1: D1Database, counterCode: string, since: number): D1PreparedStatement {
  return d1
    .prepare(
      `SELECT submitted_at, device_hash, network_hash, service_id, ${SCORE_COLUMNS.join(', ')}, count(*) OVER () AS total
       FROM responses
       WHERE counter_id = (SELECT id FROM counters WHERE code = ?) AND submitted_at > ?
       ORDER BY submitted_at DESC LIMIT ${RECENT_LIMIT}`,
    )
    .bind(counterCode, since);
}

type RecentRow = Record<string, number | string | null> & { total: number };

function snapshotOf(rows: RecentRow[], since: number): CounterSnapshot {
  return {
    since,
    count: rows[0]?.total ?? 0,
    recent: rows.map((row) => ({
      submittedAt: Number(row.submitted_at),
      deviceHash: (row.device_hash as string | null) ?? null,
      networkHash: (row.network_hash as string | null) ?? null,
      signature: answerSignature(
        SCORE_COLUMNS.map((c) => Number(row[c])),
        (row.service_id as number | null) ?? null,
      ),
    })),
  };
}

/** One round trip: is this a repeat, which counter, which service, and the counter's recent ratings. */
export async function preflight(
  d1: D1Database,
  input: {
    submissionId: string;
    counterCode: string;
    serviceSlug: string | undefined;
    since: number;
    /** The device's per-minute window: every new request counts, also one refused later (unknown counter, bot). */
    minute: { key: string; windowStart: number };
    /** The network's per-minute window, counted the same way. */
    networkMinute: { key: string; windowStart: number };
    /** SHA-256 of the kiosk credential the request carries, if any. */
    kioskCredentialHash: string | null;
  },
): Promise<Preflight> {
  const countRequest = (window: { key: string; windowStart: number }) =>
    d1
      .prepare(
        `INSERT INTO rate_counters (key, window_start, count) SELECT ?, ?, 1
         WHERE NOT EXISTS (SELECT 1 FROM responses WHERE submission_id = ?)
         ON CONFLICT (key, window_start) DO UPDATE SET count = count + 1
         RETURNING count`,
      )
      .bind(window.key, window.windowStart, input.submissionId);
  const [existing, counted, networkCounted, target, service, kiosk, recent] = await d1.batch<Record<string, unknown>>([
    d1.prepare('SELECT id FROM responses WHERE submission_id = ?').bind(input.submissionId),
    countRequest(input.minute),
    countRequest(input.networkMinute),
    d1
      .prepare(
        `SELECT c.id AS counterId, c.code AS counterCode, c.active AS active, c.kiosk_expired_policy AS kioskExpiredPolicy,
                u.id AS unitId, r.id AS regionId, r.timezone AS timezone
         FROM counters c JOIN units u ON u.id = c.unit_id JOIN regions r ON r.id = u.region_id
         WHERE c.code = ?`,
      )
      .bind(input.counterCode),
    d1
      .prepare('SELECT s.id FROM services s JOIN counters c ON c.unit_id = s.unit_id WHERE c.code = ? AND s.slug = ?')
      .bind(input.counterCode, input.serviceSlug ?? ''),
    d1
      .prepare(
        `SELECT k.id FROM kiosks k JOIN counters c ON c.id = k.counter_id
         WHERE k.credential_hash = ? AND c.code = ? AND k.revoked_at IS NULL`,
      )
      .bind(input.kioskCredentialHash ?? '', input.counterCode),
    recentStatement(d1, input.counterCode, input.since),
  ]);
  const row = target?.results[0] as (Omit<RatingTarget, 'active'> & { active: number }) | undefined;
  return {
    existingId: (existing?.results[0]?.id as string | undefined) ?? null,
    requestsThisMinute: (counted?.results[0]?.count as number | undefined) ?? null,
    networkRequestsThisMinute: (networkCounted?.results[0]?.count as number | undefined) ?? null,
    target: row ? { ...row, active: row.active === 1 } : null,
    serviceId: (service?.results[0]?.id as number | undefined) ?? null,
    kioskId: input.kioskCredentialHash ? ((kiosk?.results[0]?.id as string | undefined) ?? null) : null,
    snapshot: snapshotOf((recent?.results ?? []) as RecentRow[], input.since),
  };
}

export interface NewRating {
  id: string;
  submissionId: string;
  target: RatingTarget;
  serviceId: number | null;
  channel: 'qr' | 'kiosk';
  kioskToken: 'valid' | 'expired' | null;
  /** The enrolled kiosk that sends the rating: exempt from the hourly device and network limits. */
  kioskId: string | null;
  scores: number[];
  respondent: { gender?: string; age?: number; education?: string; occupation?: string };
  /** Already redacted. */
  comment: { id: string; body: string } | null;
  submittedAt: number;
  localDate: string;
  deviceHash: string;
  networkHash: string;
  flagReason: FlagReason | null;
  /** For a burst: flag the network's unflagged ratings at the counter since then too (and take them out of the rollups). */
  flagOthersSince: number | null;
}

export interface StoreGuards {
  perDeviceCounter: { since: number; limit: number };
  /** Ratings of the network at the counter (kiosks' excepted: they are not the network's phones). */
  perNetworkCounter: { since: number; limit: number };
  /** The counter snapshot the burst rule judged; null on the last attempt, which stores regardless. */
  snapshot: { since: number; count: number } | null;
}

export type StoreOutcome =
  | { kind: 'stored'; id: string }
  | { kind: 'repeat'; id: string }
  | { kind: 'counter-inactive' }
  | { kind: 'device-counter-limit'; oldest: number }
  | { kind: 'network-counter-limit'; oldest: number }
  | { kind: 'stale'; snapshot: CounterSnapshot };

/** The atomic batch that stores a rating (or, by its guards, nothing). */
export async function storeRating(d1: D1Database, rating: NewRating, guards: StoreGuards): Promise<StoreOutcome> {
  const { target } = rating;
  const statements: D1PreparedStatement[] = [];
  // Re-checked here, atomically: a counter deactivated after the preflight looked takes no more ratings.
  const conditions = ['EXISTS (SELECT 1 FROM counters WHERE id = ? AND active = 1)'];
  const conditionParams: unknown[] = [target.counterId];
  const hourly = rating.kioskId === null;
  if (hourly) {
    // An enrolled kiosk rates many citizens from one device: the hourly limits are for anonymous devices only.
    conditions.push(`(${DEVICE_COUNT_SQL}) < ?`, `(${NETWORK_COUNT_SQL}) < ?`);
    conditionParams.push(
      target.counterId,
      rating.deviceHash,
      guards.perDeviceCounter.since,
      guards.perDeviceCounter.limit,
      target.counterId,
      rating.networkHash,
      guards.perNetworkCounter.since,
      guards.perNetworkCounter.limit,
    );
  }
  if (guards.snapshot) {
    conditions.push('(SELECT count(*) FROM responses WHERE counter_id = ? AND submitted_at > ?) = ?');
    conditionParams.push(target.counterId, guards.snapshot.since, guards.snapshot.count);
  }
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
    rating.id,
    rating.submissionId,
    target.regionId,
    target.unitId,
    target.counterId,
    rating.serviceId,
    rating.channel,
    ...rating.scores,
    rating.respondent.gender ?? null,
    rating.respondent.age ?? null,
    rating.respondent.education ?? null,
    rating.respondent.occupation ?? null,
    rating.submittedAt,
    rating.localDate,
    rating.deviceHash,
    rating.networkHash,
    rating.kioskId,
    rating.flagReason ? 1 : 0,
    rating.flagReason,
    rating.kioskToken,
  ];
  statements.push(
    d1
      .prepare(
        `INSERT INTO responses (${columns.join(', ')})
         SELECT ${columns.map(() => '?').join(', ')}
         WHERE ${conditions.join(' AND ')}
         ON CONFLICT (submission_id) DO NOTHING`,
      )
      .bind(...values, ...conditionParams),
  );
  // Only what this batch inserted is folded in: for a repeat or a refusal there is no row with this id.
  statements.push(...rollupStatements(d1, 'id = ?', [rating.id]));

  if (rating.flagOthersSince !== null) {
    // The rest of the burst leaves the indicators (removed from the rollups first, while still unflagged): the same
    // network's ratings only, so one client cannot hold everyone else's ratings at the counter.
    const others =
      'counter_id = ? AND network_hash = ? AND submitted_at > ? AND id != ? AND EXISTS (SELECT 1 FROM responses AS mine WHERE mine.id = ?)';
    const otherParams = [target.counterId, rating.networkHash, rating.flagOthersSince, rating.id, rating.id];
    statements.push(...rollupStatements(d1, others, otherParams, -1));
    statements.push(
      d1
        .prepare(`UPDATE responses SET flagged = 1, flag_reason = 'burst' WHERE flagged = 0 AND ${others}`)
        .bind(...otherParams),
    );
  }
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
        `SELECT (SELECT id FROM responses WHERE submission_id = ?) AS storedId,
                (SELECT active FROM counters WHERE id = ?) AS active,
                (${DEVICE_COUNT_SQL}) AS deviceCount,
                (${DEVICE_COUNT_SQL.replace('count(*)', 'min(submitted_at)')}) AS oldest,
                (${NETWORK_COUNT_SQL}) AS networkCount,
                (${NETWORK_COUNT_SQL.replace('count(*)', 'min(submitted_at)')}) AS networkOldest`,
      )
      .bind(
        rating.submissionId,
        target.counterId,
        ...[rating.deviceHash, rating.deviceHash].flatMap((hash) => [
          target.counterId,
          hash,
          guards.perDeviceCounter.since,
        ]),
        ...[rating.networkHash, rating.networkHash].flatMap((hash) => [
          target.counterId,
          hash,
          guards.perNetworkCounter.since,
        ]),
      ),
  );
  const stateIndex = statements.length - 1;
  if (guards.snapshot) statements.push(recentStatement(d1, target.counterCode, guards.snapshot.since));

  const results = await d1.batch<Record<string, unknown>>(statements);
  const state = results[stateIndex]?.results[0] as {
    storedId: string | null;
    active: number | null;
    deviceCount: number;
    oldest: number | null;
    networkCount: number;
    networkOldest: number | null;
  };
  if (state.storedId === rating.id) return { kind: 'stored', id: rating.id };
  if (state.storedId) return { kind: 'repeat', id: state.storedId };
  if (state.active !== 1) return { kind: 'counter-inactive' };
  if (hourly && state.deviceCount >= guards.perDeviceCounter.limit) {
    return { kind: 'device-counter-limit', oldest: state.oldest ?? rating.submittedAt };
  }
  if (hourly && state.networkCount >= guards.perNetworkCounter.limit) {
    return { kind: 'network-counter-limit', oldest: state.networkOldest ?? rating.submittedAt };
  }
  const since = guards.snapshot?.since ?? 0;
  return { kind: 'stale', snapshot: snapshotOf((results[stateIndex + 1]?.results ?? []) as RecentRow[], since) };
}
