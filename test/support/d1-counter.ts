/**
 * @module
 * A D1 binding that counts the queries run through it, to assert that a page's data costs a constant number of
 * queries (D1 allows 1,000 per invocation). Every statement executed counts one, also inside a batch.
 */

const EXECUTORS = new Set(['all', 'first', 'run', 'raw']);

export interface CountingD1 {
  d1: D1Database;
  /** Queries executed so far. */
  readonly queries: number;
  /** The SQL of each, in order (for a helpful failure message). */
  readonly statements: string[];
}

export function countingD1(inner: D1Database): CountingD1 {
  const statements: string[] = [];
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
      if (property === 'batch') {
        return (list: D1PreparedStatement[]) => {
          statements.push(...list.map(() => '(batch statement)'));
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
  };
}
