/**
 * Which addresses Parley may reach when it makes a request on a caller's behalf (a webhook callback, a media
 * URL). A token holder chooses those URLs, so an exposed Parley must not become their way into the networks
 * it sits on: private, loopback, link-local and other non-public addresses are refused unless the operator
 * lists them. On a developer's laptop, where bots run on 127.0.0.1, everything is allowed.
 */
import { BlockList, isIP } from 'node:net';

/** `all`, or the non-public targets that stay allowed: addresses, CIDR ranges and host names. */
export type PrivateTargets = 'all' | readonly string[];

/** Addresses no public service has (IPv4-mapped IPv6 addresses are checked as their IPv4 address). */
const NON_PUBLIC: readonly (readonly [network: string, prefix: number])[] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, where clouds serve instance metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const familyOf = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

function blockListOf(ranges: readonly (readonly [string, number])[]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, familyOf(network));
  return list;
}

const nonPublic = blockListOf(NON_PUBLIC);

/** `[::1]` → `::1`; names are compared in lower case without a trailing dot. */
function bare(host: string): string {
  return host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

const HOST_NAME = /^[\w-]+(\.[\w-]+)*\.?$/;

/** Reads `--allow-private-targets`: `all`, or a comma-separated list of addresses, CIDR ranges and names. */
export function parsePrivateTargets(text: string): PrivateTargets {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 1 && entries[0]!.toLowerCase() === 'all') return 'all';
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const ok =
      prefix === undefined
        ? isIP(bare(address!)) !== 0 || HOST_NAME.test(entry)
        : rest.length === 0 &&
          isIP(address!) !== 0 &&
          /^\d{1,3}$/.test(prefix) &&
          Number(prefix) <= (isIP(address!) === 6 ? 128 : 32);
    if (!ok) throw new Error(`Not an address, CIDR range or host name: "${entry}"`);
  }
  return entries;
}

export class TargetPolicy {
  private readonly allowedAddresses: BlockList;
  private readonly allowedNames: ReadonlySet<string>;

  constructor(private readonly targets: PrivateTargets) {
    const list = targets === 'all' ? [] : targets;
    const ranges = list.filter((entry) => isIP(bare(entry.split('/')[0]!)) !== 0);
    this.allowedAddresses = blockListOf(
      ranges.map((entry) => {
        const [address, prefix] = entry.split('/');
        const ip = bare(address!);
        return [ip, prefix === undefined ? (isIP(ip) === 6 ? 128 : 32) : Number(prefix)] as const;
      }),
    );
    this.allowedNames = new Set(list.filter((entry) => !ranges.includes(entry)).map(bare));
  }

  /** Every target is allowed: nothing needs checking. */
  get open(): boolean {
    return this.targets === 'all';
  }

  /** A host name the operator listed: whatever it resolves to may be reached. */
  allowsName(host: string): boolean {
    return this.open || this.allowedNames.has(bare(host));
  }

  /** An address may be reached: it is public, or the operator allowed it. */
  allowsAddress(address: string): boolean {
    if (this.open) return true;
    const ip = bare(address);
    const family = familyOf(ip);
    return !nonPublic.check(ip, family) || this.allowedAddresses.check(ip, family);
  }
}
