/**
 * @module
 * Group commit: the D1 batches that concurrent requests of one isolate send while a batch is in flight go together
 * as the next ONE batch (one transaction), in arrival order; an idle lane sends at once. Safe for ratings' guard
 * statements, a failed group is retried batch by batch, and no promise is resolved across requests. docs/scale.md,
 * "Ratings under load".
 */

/**
 * Statements per group. D1 counts each statement of a batch as a query of the sending invocation (1,000 per
 * invocation on Workers Paid, worker/db/query-budget.ts), and a smaller transaction keeps the wait of the last in
 * line short: about twenty ratings (three statements each, four with a comment).
 */
export const GROUP_STATEMENTS = 64;

/** How long a waiting batch trusts the queue before it sends itself (far beyond a D1 batch's usual milliseconds). */
export const STRANDED_MS = 10_000;

interface Waiting {
  statements: D1PreparedStatement[];
  /** Set by the group that carried it: its results, or the error its batch failed with. */
  outcome?: { results: D1Result[] } | { error: unknown };
}

interface Lane {
  queue: Waiting[];
  /** The group being sent, created by the request that sends it; undefined when the lane is idle. */
  sending?: Promise<void>;
}

/** One lane per D1 binding object (the isolate's `env.DB`, a shard's binding, or a test's wrapper). */
const lanes = new WeakMap<D1Database, Lane>();

export interface GroupCommitOptions {
  /** The request's `ctx.waitUntil`, keeping its context alive while it sends others' statements. */
  waitUntil?: (promise: Promise<unknown>) => void;
}

/** `d1.batch(statements)`, sent together with the batches of concurrent requests; resolves to this batch's results. */
export async function groupCommit(
  d1: D1Database,
  statements: D1PreparedStatement[],
  { waitUntil }: GroupCommitOptions = {},
): Promise<D1Result[]> {
  let lane = lanes.get(d1);
  if (!lane) {
    lane = { queue: [] };
    lanes.set(d1, lane);
  }
  const waiting: Waiting = { statements };
  lane.queue.push(waiting);
  // One timer for the whole wait (not one per group that goes by), armed only once this batch has to wait: a
  // request that finds the lane idle sends at once and needs none. It only matters if the queue stalls.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stranded = false;
  let strandedAfter: Promise<void> | undefined;
  try {
    while (!waiting.outcome) {
      const sending = lane.sending;
      if (!sending) {
        // Idle: this request sends the next group (its own batch is in it: the queue is served in order, and every
        // waiter wakes when a group ends, so the earliest awake one leads).
        const group = takeGroup(lane);
        const work = sendGroup(d1, group).finally(() => {
          if (lane.sending === work) lane.sending = undefined;
        });
        lane.sending = work;
        waitUntil?.(work);
        await work;
        continue;
      }
      if (stranded) {
        const at = lane.queue.indexOf(waiting);
        // Nobody came for it: it leaves the queue and goes alone. (Already taken: its group's answer will come.)
        if (at >= 0) {
          lane.queue.splice(at, 1);
          return await d1.batch(statements);
        }
      }
      // Wait for the group in flight, which may carry this batch, without resolving anything across requests: the
      // promise is the sender's own, and workerd runs this continuation in this request. (Once stranded, and taken
      // after all, only the group matters: racing the settled timer would spin.)
      strandedAfter ??= new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          stranded = true;
          resolve();
        }, STRANDED_MS);
      });
      await (stranded ? sending : Promise.race([sending, strandedAfter]));
    }
  } finally {
    clearTimeout(timer);
  }
  if ('error' in waiting.outcome) throw waiting.outcome.error;
  return waiting.outcome.results;
}

/** The head of the queue, up to GROUP_STATEMENTS statements (always at least one batch). */
function takeGroup(lane: Lane): Waiting[] {
  const group: Waiting[] = [];
  let count = 0;
  while (lane.queue.length > 0) {
    const next = lane.queue[0] as Waiting;
    if (group.length > 0 && count + next.statements.length > GROUP_STATEMENTS) break;
    group.push(next);
    count += next.statements.length;
    lane.queue.shift();
  }
  return group;
}

async function sendAlone(d1: D1Database, member: Waiting): Promise<void> {
  try {
    member.outcome = { results: await d1.batch(member.statements) };
  } catch (error) {
    member.outcome = { error };
  }
}

/** Sends a group as one batch and gives each member its own slice of the results. Never rejects. */
async function sendGroup(d1: D1Database, group: Waiting[]): Promise<void> {
  if (group.length === 1) return sendAlone(d1, group[0] as Waiting);
  let results: D1Result[];
  try {
    results = await d1.batch(group.flatMap((member) => member.statements));
  } catch {
    // Nothing of the group was stored (one transaction): each batch on its own, in arrival order, so only a bad
    // one fails and each still sees the rows of those before it.
    for (const member of group) await sendAlone(d1, member);
    return;
  }
  let offset = 0;
  for (const member of group) {
    member.outcome = { results: results.slice(offset, offset + member.statements.length) };
    offset += member.statements.length;
  }
}
