/**
 * The HTTP client for requests Parley makes on a caller's behalf. The check sits where the socket opens, so
 * it holds for every hop of a redirect and for the address a name resolves to at that moment (a name that
 * resolves to a public address when saved and to 127.0.0.1 when used is still refused).
 */
import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector } from 'undici';
import type { TargetPolicy } from './targets.ts';

/** A target the policy refuses; no connection was made, so the answer says nothing of what is there. */
export class TargetRefused extends Error {
  readonly code = 'PARLEY_TARGET_REFUSED';
  constructor(host: string) {
    super(`Parley does not connect to ${host}: private, loopback and link-local addresses are refused`);
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** dns.lookup, refusing names that resolve to any address the policy does not allow. */
function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback) => {
    lookup(hostname, options, (error, address: string | LookupAddress[], family?: number) => {
      if (error) return callback(error, address, family);
      const addresses = typeof address === 'string' ? [address] : address.map((a) => a.address);
      if (!addresses.every((a) => policy.allowsAddress(a))) {
        return callback(new TargetRefused(hostname), address, family);
      }
      callback(null, address, family);
    });
  };
}

/** An undici Agent that opens connections only to targets the policy allows. */
export function guardedAgent(policy: TargetPolicy, options: Agent.Options = {}): Agent {
  if (policy.open) return new Agent(options);
  const direct = buildConnector({});
  // A name is checked when it resolves (an address in the URL is not looked up).
  const resolving = buildConnector({ lookup: guardedLookup(policy) });
  return new Agent({
    ...options,
    connect: (opts, callback) => {
      const host = opts.hostname.replace(/^\[(.*)\]$/, '$1');
      if (policy.allowsName(host)) return direct(opts, callback);
      if (isIP(host) === 0) return resolving(opts, callback);
      if (policy.allowsAddress(host)) return direct(opts, callback);
      callback(new TargetRefused(host), null);
    },
  });
}
