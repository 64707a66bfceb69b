import { describe, expect, it } from 'vitest';
import { TargetPolicy } from './targets.ts';

describe('TargetPolicy', () => {
  it('refuses every non-public address, in any spelling, and allows public ones', () => {
    const policy = new TargetPolicy([]);
    for (const address of [
      '127.0.0.1',
      '127.255.0.9',
      '0.0.0.0',
      '10.1.2.3',
      '100.64.0.1',
      '169.254.169.254',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '224.0.0.1',
      '255.255.255.255',
      '::',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      'fd00::1',
      'fe80::1',
      'ff02::1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b::10.0.0.5',
      '2002:7f00:1::1',
      '::127.0.0.1',
      '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    ]) {
      expect(policy.allowsAddress(address), address).toBe(false);
    }
    for (const address of [
      '8.8.8.8',
      '172.32.0.1',
      '31.13.64.35',
      '2a03:2880:f12f:83:face:b00c::25de',
      '64:ff9b::1f0d:4023',
      '2002:1f0d:4023::1',
    ]) {
      expect(policy.allowsAddress(address), address).toBe(true);
    }
  });

  it('allows the addresses, ranges and names the operator lists', () => {
    const policy = new TargetPolicy(['10.0.0.0/8', '127.0.0.1', 'Bot.Internal.', 'fd00::/8']);
    expect(policy.allowsAddress('10.9.8.7')).toBe(true);
    expect(policy.allowsAddress('::ffff:10.9.8.7')).toBe(true);
    expect(policy.allowsAddress('127.0.0.1')).toBe(true);
    expect(policy.allowsAddress('127.0.0.2')).toBe(false);
    expect(policy.allowsAddress('fd12::1')).toBe(true);
    expect(policy.allowsAddress('192.168.0.1')).toBe(false);
    expect(policy.allowsName('bot.internal')).toBe(true);
    expect(policy.allowsName('other.internal')).toBe(false);
    expect(new TargetPolicy('all').allowsAddress('169.254.169.254')).toBe(true);
  });
});
