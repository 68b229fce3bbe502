import { describe, expect, it } from 'vitest';
import { networkPrefix, userAgentTellsDevicesApart } from '../../worker/security/device-hash';

describe('the network behind the per-network limits (SPEC §5, docs/rating.md)', () => {
  it('is the IPv4 /24, whatever the last byte', () => {
    expect(networkPrefix('192.0.2.10')).toBe('v4:192.0.2/24');
    expect(networkPrefix('192.0.2.250')).toBe(networkPrefix('192.0.2.10'));
    expect(networkPrefix('192.0.3.10')).not.toBe(networkPrefix('192.0.2.10'));
    expect(networkPrefix('::ffff:192.0.2.7')).toBe('v4:192.0.2/24');
  });

  it('is the IPv6 /48 (a site), however the address is written: its /64s are one network', () => {
    expect(networkPrefix('2001:db8:77:1::1')).toBe('v6:2001:db8:77::/48');
    expect(networkPrefix('2001:0DB8:0077:0001:ffff:0:0:9')).toBe('v6:2001:db8:77::/48');
    expect(networkPrefix('2001:db8:77:ffff::1')).toBe(networkPrefix('2001:db8:77:1::1'));
    expect(networkPrefix('2001:db8::1')).toBe('v6:2001:db8:0::/48');
    expect(networkPrefix('fe80::1%eth0')).toBe('v6:fe80:0:0::/48');
    expect(networkPrefix('2001:db8:78:1::1')).not.toBe(networkPrefix('2001:db8:77:1::1'));
  });

  it('groups what is not an address by its raw value (local development has none)', () => {
    expect(networkPrefix('')).toBe('other:');
    expect(networkPrefix('not-an-ip')).toBe('other:not-an-ip');
  });
});

describe('user agents that tell devices apart (SPEC §5, docs/rating.md "Who is a device")', () => {
  it('does not take reduced or frozen agents for a device: every phone or computer of the kind sends the same', () => {
    for (const agent of [
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 10; K; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/124.0.0.0 Mobile Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:128.0) Gecko/20100101 Firefox/128.0',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      '',
    ]) {
      expect(userAgentTellsDevicesApart(agent), agent).toBe(false);
    }
  });

  it('takes an agent that names its model for a device', () => {
    for (const agent of [
      'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.5845.172 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 11; Redmi Note 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.5414.117 Mobile Safari/537.36',
      'Mozilla/5.0 (Linux; Android 10; Kirin) Chrome/120 Mobile',
    ]) {
      expect(userAgentTellsDevicesApart(agent), agent).toBe(true);
    }
  });
});
