/**
 * @module
 * A D1 binding that counts the queries run through it, to assert that a page's data costs a constant number of
 * queries (D1 allows 1,000 per invocation). Every statement executed counts one, also inside a batch. It also
 * records the round trips to D1, to assert what a rating costs (docs/rating.md, "Round trips"): a batch is one, and
 * so is each `first`/`run`/`all`/`raw` of a statement outside a batch, and each `exec`.
 */

const EXECUTORS = new Set(['all', 'first', 'run', 'raw']);

export interface CountingD1 {
  d1: D1Database;
  /** Queries executed so far. */
  readonly queries: number;
  /** The SQL of each, in order (for a helpful failure message). */
  readonly statements: string[];
  /** Round trips so far, each described (`batch of 9`, `first: SELECT …`); clear with `trips.length = 0`. */
  readonly trips: string[];
}

export function countingD1(inner: D1Database): CountingD1 {
  const statements: string[] = [];
  const trips: string[] = [];
  const originals = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, query: string): D1PreparedStatement => {
    const proxy = new Proxy(statement, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if (property === 'bind') {
          return (...values: unknown[]) => wrap(target.bind(...values), query);
        }
        if (typeof property === 'string' && EXECUTORS.has(property)) {
          return (...args: unknown[]) => {
            statements.push(query);
            trips.push(`${property}: ${query.slice(0, 60)}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    originals.set(proxy, statement);
    return proxy;
  };
  const d1 = new Proxy(inner, {
    get(target, property) {
      if (property === 'prepare') return (query: string) => wrap(target.prepare(query), query);
      if (property === 'exec') {
        return (query: string) => {
          statements.push(query);
          trips.push(`exec: ${query.slice(0, 60)}`);
          return target.exec(query);
        };
      }
      if (property === 'batch') {
        return (list: D1PreparedStatement[]) => {
          statements.push(...list.map(() => '(batch statement)'));
          trips.push(`batch of ${list.length}`);
          return target.batch(list.map((statement) => originals.get(statement) ?? statement));
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    d1,
    get queries() {
      return statements.length;
    },
    statements,
    trips,
  };
}
