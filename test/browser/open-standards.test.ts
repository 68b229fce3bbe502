/**
 * The served data package passes the validator its users bring: Frictionless Data's `datapackage` library
 * (Node-only, hence here beside the served Worker, not in workerd).
 */
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
