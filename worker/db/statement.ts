/**
 * @module
 * SQL text with its bound values, composed with a tagged template so that each parameter and its value stay together
 * (docs/rating.md, "Round trips"): an interpolated {@link Statement} inlines its text and values, `raw()` inlines
 * trusted SQL text, anything else becomes one `+?` bound to it (docs/scale.md, "Statements compiled once").
 */

export interface Statement {
  readonly text: string;
  readonly binds: readonly unknown[];
}

const RAW = Symbol('raw SQL text');

interface Raw {
  readonly [RAW]: string;
}

/** Trusted SQL text (identifiers, constants built in code), never a value from a request. */
export function raw(text: string): Raw {
  return { [RAW]: text };
}

function isStatement(part: unknown): part is Statement {
  return typeof part === 'object' && part !== null && 'text' in part && 'binds' in part;
}

function isRaw(part: unknown): part is Raw {
  return typeof part === 'object' && part !== null && RAW in part;
}

export function sql(strings: TemplateStringsArray, ...parts: unknown[]): Statement {
  let text = strings[0] ?? '';
  const binds: unknown[] = [];
  parts.forEach((part, i) => {
    if (isStatement(part)) {
      text += part.text;
      binds.push(...part.binds);
    } else if (isRaw(part)) {
      text += part[RAW];
    } else {
      // `+?`, not `?`: D1's SQLite recompiles a statement whose planner read a bare parameter each time it is bound.
      text += '+?';
      binds.push(part);
    }
    text += strings[i + 1] ?? '';
  });
  return { text, binds };
}

/** The statements joined by `separator` (', ', ' AND '), their values in the same order. */
export function joinSql(statements: readonly Statement[], separator: string): Statement {
  return {
    text: statements.map((s) => s.text).join(separator),
    binds: statements.flatMap((s) => s.binds),
  };
}

export function prepare(d1: D1Database, statement: Statement): D1PreparedStatement {
  return d1.prepare(statement.text).bind(...statement.binds);
}
