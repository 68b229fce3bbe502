import { describe, expect, it } from 'vitest';
import { officialAreas } from '../../domain/region-codes';
import { SHARD_BINDINGS, shardOf, UNSHARDED_BINDING } from '../../domain/shards';

describe('shard plan: one D1 per province, routed by region code (docs/scale.md)', () => {
  it('routes a kabupaten/kota and its province’s own government to the same shard', () => {
    expect(shardOf('21.72')).toBe('DB_21');
    expect(shardOf('21')).toBe('DB_21');
    expect(shardOf('75.71')).toBe('DB_75');
  });

  it('gives every official region one of 38 shards, and every shard a region', () => {
    const used = new Set(officialAreas().map((area) => shardOf(area.code)));
    expect(SHARD_BINDINGS).toHaveLength(38);
    expect([...used].sort()).toEqual([...SHARD_BINDINGS].sort());
  });

  it('keeps regions without a code on the unsharded database and refuses codes of no province', () => {
    expect(shardOf(null)).toBe(UNSHARDED_BINDING);
    expect(() => shardOf('99.01')).toThrow(RangeError);
    expect(() => shardOf('2172')).toThrow(RangeError);
  });
});
