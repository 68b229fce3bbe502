/**
 * Builds the portal, prepares a throw-away local D1 (migrations + demo seed) and serves it with
 * `wrangler dev` on a free port, exactly as `npm start` does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build, freePort, prepareDatabase, serve } from '../../../scripts/local-portal.mjs';
import { BROWSER_TEST_VARS } from './vars';

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    counters: { region: string; unit: string; code: string; name: string }[];
  }
}

export default async function setup(project: TestProject) {
  const persistTo = mkdtempSync(path.join(tmpdir(), 'suara-browser-'));
  build({ quiet: true });
  const counters = prepareDatabase(persistTo, { quiet: true });
  const server = await serve({ port: await freePort(), persistTo, quiet: true, vars: BROWSER_TEST_VARS });
  project.provide('origin', server.origin);
  project.provide('counters', counters);
  return () => {
    server.stop();
    rmSync(persistTo, { recursive: true, force: true });
  };
}
