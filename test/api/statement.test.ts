/**
 * The `sql` template of worker/db/statement.ts against local D1: each value binds as `+?`, which D1's SQLite keeps
 * compiled across bindings (docs/scale.md, "Statements compiled once"), and which must compare exactly as `?` does.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { joinSql, prepare, raw, sql } from '../../worker/db/statement';
import { createOrganisation } from '../support/fixtures';

async function firstId(statement: ReturnType<typeof sql>): Promise<number | null> {
  return (await prepare(env.DB, statement).first<{ id: number }>())?.id ?? null;
}

describe('sql template', () => {
  it('binds each value as +? and keeps values in the order of the text', () => {
    const inner = sql`code = ${'A1'}`;
    const statement = sql`SELECT ${raw('id')} FROM counters WHERE ${joinSql([inner, sql`active = ${1}`], ' AND ')} LIMIT ${5}`;
    expect(statement.text).toBe('SELECT id FROM counters WHERE code = +? AND active = +? LIMIT +?');
    expect(statement.binds).toEqual(['A1', 1, 5]);
  });

  it('compares a +? parameter with a column as a bare ? does, column affinity included', async () => {
    const org = await createOrganisation();
    const joined = (where: ReturnType<typeof sql>) =>
      sql`SELECT c.id AS id FROM counters c JOIN units u ON u.id = c.unit_id WHERE ${where}`;
    // Through an index in a join, where the planner reads the parameter.
    expect(await firstId(joined(sql`c.code = ${org.counterCode}`))).toBe(org.counterId);
    // A number given as text still finds the INTEGER column's row, as `?` would.
    expect(await firstId(joined(sql`c.id = ${String(org.counterId)}`))).toBe(org.counterId);
    const bare = await env.DB.prepare(
      'SELECT c.id AS id FROM counters c JOIN units u ON u.id = c.unit_id WHERE c.id = ?',
    )
      .bind(String(org.counterId))
      .first<{ id: number }>();
    expect(bare?.id).toBe(org.counterId);
    expect(await firstId(joined(sql`c.code = ${`${org.counterCode}-other`}`))).toBeNull();
    expect(await firstId(sql`SELECT 1 AS id WHERE ${null} IS NULL`)).toBe(1);
  });
});
