/**
 * @module
 * The drizzle client over the D1 binding.
 */
import { drizzle } from 'drizzle-orm/d1';
import * as schema from '../../schema';

export type Database = ReturnType<typeof database>;

export function database(d1: D1Database) {
  return drizzle(d1, { schema });
}
