/**
 * @module
 * The one place that hands out the database for public reads: a D1 session (Sessions API) that may be answered
 * by a read replica near the visitor. Public pages, scores and open data tolerate data a few seconds old (their
 * caches already serve five-minute-old copies), so the session starts unconstrained; writes and everything an
 * operator reads back after a change keep using the primary, `env.DB`.
 */
import type { Bindings } from '../env';

/** D1 bookmarks are opaque tokens of hex digits and dashes; anything else starts a fresh session. */
const BOOKMARK = /^[0-9a-f-]{8,128}$/i;

/**
 * A read session on the deployment's database. With a `bookmark` (e.g. from `x-d1-bookmark`), reads see at least
 * everything that bookmark saw (read-your-writes); without one, any replica may answer the first query.
 * The session behaves as a `D1Database` for reads (`prepare`, `batch`); `exec` goes to the primary.
 */
export function readDatabase(env: Pick<Bindings, 'DB'>, bookmark?: string | null): D1Database {
  const session = env.DB.withSession(bookmark && BOOKMARK.test(bookmark) ? bookmark : 'first-unconstrained');
  return {
    prepare: (query) => session.prepare(query),
    batch: (statements) => session.batch(statements),
    exec: (query) => env.DB.exec(query),
    withSession: (constraint) => env.DB.withSession(constraint),
    dump: () => env.DB.dump(),
  } satisfies D1Database;
}
