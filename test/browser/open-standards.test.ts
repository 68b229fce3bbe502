/**
 * The served data package and OpenAPI document pass the validators their users bring: Frictionless Data's
 * `datapackage` library and `redocly lint` (both Node-only, hence here beside the served Worker, not in workerd).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Package, Profile } from 'datapackage';
import { describe, expect, inject, it } from 'vitest';

const origin = () => inject('origin');

describe('datapackage.json with Frictionless Data’s validator (SPEC §5)', () => {
  it('is a valid Tabular Data Package whose every CSV row passes its resource’s Table Schema', async () => {
    const descriptor = await (await fetch(`${origin()}/data/datapackage.json`)).json();
    for (const name of ['data-package', 'tabular-data-package']) {
      const { errors } = (await Profile.load(name)).validate(descriptor);
      expect(
        errors.map((e) => e.message),
        name,
      ).toEqual([]);
    }
    const pkg = await Package.load(descriptor);
    expect(pkg.errors.map((e) => e.message)).toEqual([]);
    expect(pkg.valid).toBe(true);
    expect(pkg.resources.map((r) => r.name)).toEqual(['scores', 'service-scores', 'responses', 'comments']);
    for (const resource of pkg.resources) {
      expect(resource.tabular, resource.name).toBe(true);
      // Reads the live file and casts every cell by the schema: a row that breaks it throws.
      const rows = await resource.read({ keyed: true });
      expect(rows.length, resource.name).toBeGreaterThan(0);
    }
  });
});

describe('openapi.json with redocly lint (SPEC §5)', () => {
  it('has no error under the recommended rules, and no warning but the two routes that cannot fail', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'suara-openapi-'));
    try {
      const file = path.join(dir, 'openapi.json');
      writeFileSync(file, await (await fetch(`${origin()}/api/v1/openapi.json`)).text());
      const cli = path.join(
        path.dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
        'bin/cli.js',
      );
      // Offline: no telemetry, no update check (neither opens a connection with these set).
      const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
      const args = [cli, 'lint', file, '--extends=recommended', '--format=json', '--max-problems=1000'];
      // redocly exits 1 on errors; the report on stdout says which.
      const { stdout } = await promisify(execFile)(process.execPath, args, { env }).catch((error) => error);
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
      };
      const problems = report.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
      expect(problems.filter((p) => p.startsWith('error'))).toEqual([]);
      // Listing the regions and the data package takes no input and answers nothing but 200.
      expect(problems).toEqual([
        'warn operation-4xx-response #/paths/~1api~1v1~1regions/get/responses: Operation must have at least one `4XX` response.',
        'warn operation-4xx-response #/paths/~1data~1datapackage.json/get/responses: Operation must have at least one `4XX` response.',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
