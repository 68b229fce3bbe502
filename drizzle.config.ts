import { defineConfig } from 'drizzle-kit';

// Generates the SQL migrations that `wrangler d1 migrations apply` and the tests read.
export default defineConfig({
  dialect: 'sqlite',
  schema: './schema/index.ts',
  out: './migrations',
});
