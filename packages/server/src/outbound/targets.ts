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
  ['::', 96], // unspecified, loopback, IPv4-compatible (deprecated)
  ['64:ff9b:1::', 48], // local NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
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

/** An IPv6 address's eight 16-bit groups (`::` expanded, a dotted IPv4 tail read as two groups). */
function groupsOf(ip: string): number[] {
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  const text = tail
    ? `${ip.slice(0, tail.index)}${((+tail[1]! << 8) | +tail[2]!).toString(16)}:${((+tail[3]! << 8) | +tail[4]!).toString(16)}`
    : ip;
  const [head = '', rest] = text.split('::');
  const before = head ? head.split(':') : [];
  const after = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : Array<string>(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].map((group) => parseInt(group, 16));
}

/**
 * The IPv4 address an IPv6 one carries to the IPv4 internet: NAT64's `64:ff9b::/96` and 6to4's
 * `2002::/16`, which gateways turn into that IPv4 address (so `64:ff9b::a9fe:a9fe` is 169.254.169.254).
 */
function embeddedIPv4(ip: string): string | undefined {
  const g = groupsOf(ip);
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0))
    return v4(g[6]!, g[7]!);
  if (g[0] === 0x2002) return v4(g[1]!, g[2]!);
  return undefined;
}

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
  return entries.map((entry) => {
    const [address, prefix, ...rest] = entry.split('/');
    const ok =
      prefix === undefined
        ? isIP(bare(address!)) !== 0 || HOST_NAME.test(entry)
        : rest.length === 0 &&
          isIP(address!) !== 0 &&
          /^\d{1,3}$/.test(prefix) &&
          Number(prefix) <= (isIP(address!) === 6 ? 128 : 32);
    if (!ok) throw new Error(`Not an address, CIDR range or host name: "${entry}"`);
    return prefix === undefined ? canonical(entry) : entry;
  });
}

/** An address as URLs are read: `127.1` and `0x7f000001` are 127.0.0.1 (a name stays as it is). */
function canonical(entry: string): string {
  try {
    const host = bare(new URL(`http://${entry}`).hostname);
    return isIP(host) !== 0 ? host : entry;
  } catch {
    return entry;
  }
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
    if (this.allowedAddresses.check(ip, family)) return true;
    const carried = family === 'ipv6' ? embeddedIPv4(ip) : undefined;
    if (carried !== undefined && !this.allowsAddress(carried)) return false;
    return !nonPublic.check(ip, family);
  }
}
