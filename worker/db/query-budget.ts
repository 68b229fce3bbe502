/**
 * @module
 * A D1 binding that counts its queries and refuses to pass a budget. D1 allows 1,000 queries per Worker
 * invocation (Workers Paid); long jobs (open-data files, snapshot partitions) plan to stay under a smaller budget,
 * and this guard makes a wrong plan fail loudly (an aborted body, a retried message) instead of Cloudflare
 * cutting the invocation off at an unknown point.
 */

/** What every long read in one invocation may spend: the platform's 1,000 minus room for the request's own queries. */
export const QUERY_BUDGET = 900;

export class QueryBudgetError extends Error {
  constructor(readonly budget: number) {
    super(`More than ${budget} D1 queries in one invocation.`);
  }
}

export interface BudgetedDatabase {
  db: D1Database;
  /** Queries issued so far (each statement of a batch counts, as D1 counts them). */
  readonly used: number;
  readonly budget: number;
}

/** Wraps `d1` so that every `all`/`first`/`run`/`raw` and every statement of a `batch` counts against `budget`. */
export function withQueryBudget(d1: D1Database, budget = QUERY_BUDGET): BudgetedDatabase {
  let used = 0;
  const spend = (n: number) => {
    if (used + n > budget) throw new QueryBudgetError(budget);
    used += n;
  };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, property) {
        if (property === 'bind') return (...values: unknown[]) => wrap(target.bind(...values));
        if (property === 'all' || property === 'first' || property === 'run' || property === 'raw') {
          const method = target[property] as (...args: unknown[]) => Promise<unknown>;
          return (...args: unknown[]) => {
            spend(1);
            return method.apply(target, args);
          };
        }
        // The unwrapped statement is what `batch` needs: workerd checks the statement's own class.
        if (property === UNWRAP) return target;
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  const db = new Proxy(d1, {
    get(target, property) {
      if (property === 'prepare') return (sql: string) => wrap(target.prepare(sql));
      if (property === 'batch') {
        return (statements: D1PreparedStatement[]) => {
          spend(statements.length);
          return target.batch(statements.map(unwrap));
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    db,
    budget,
    get used() {
      return used;
    },
  };
}

const UNWRAP = Symbol('unwrap');

function unwrap(statement: D1PreparedStatement): D1PreparedStatement {
  return (statement as unknown as Record<symbol, D1PreparedStatement | undefined>)[UNWRAP] ?? statement;
}
