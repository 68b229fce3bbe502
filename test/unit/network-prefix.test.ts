import { describe, expect, it } from 'vitest';
import { networkPrefix } from '../../worker/security/device-hash';

describe('the network behind the per-network limits (SPEC §5, docs/rating.md)', () => {
  it('is the IPv4 /24, whatever the last byte', () => {
    expect(networkPrefix('192.0.2.10')).toBe('v4:192.0.2/24');
    expect(networkPrefix('192.0.2.250')).toBe(networkPrefix('192.0.2.10'));
    expect(networkPrefix('192.0.3.10')).not.toBe(networkPrefix('192.0.2.10'));
    expect(networkPrefix('::ffff:192.0.2.7')).toBe('v4:192.0.2/24');
  });

  it('is the IPv6 /64, however the address is written', () => {
    expect(networkPrefix('2001:db8:77:1::1')).toBe('v6:2001:db8:77:1::/64');
    expect(networkPrefix('2001:0DB8:0077:0001:ffff:0:0:9')).toBe('v6:2001:db8:77:1::/64');
    expect(networkPrefix('2001:db8::1')).toBe('v6:2001:db8:0:0::/64');
    expect(networkPrefix('fe80::1%eth0')).toBe('v6:fe80:0:0:0::/64');
    expect(networkPrefix('2001:db8:77:2::1')).not.toBe(networkPrefix('2001:db8:77:1::1'));
  });

  it('groups what is not an address by its raw value (local development has none)', () => {
    expect(networkPrefix('')).toBe('other:');
    expect(networkPrefix('not-an-ip')).toBe('other:not-an-ip');
  });
});
