/** The Graph read endpoints the read-api scenario measures, their targets, and a check that each answers correctly. */
import type { BuiltWorld } from '../world-builder.ts';
import type { LoadResult } from '../load.ts';
import type { WorldShape } from '../world-rows.ts';

export const VERSION = 'v23.0';

/**
 * Besides each endpoint's `minRatio`, the read-api's one target: both compare figures measured side by side
 * in the same run, so the machine's speed moves both sides alike.
 */
export const TARGETS = {
  /** The small world's req/s must be within this fraction of the large world's: cost must not grow with history. */
  historyTolerance: 0.2,
} as const;

export interface Endpoint {
  readonly name: string;
  /** The fraction of the bare server's req/s, in the windows between its own, this endpoint must reach. */
  readonly minRatio: number;
  /** The request paths the load rotates over. */
  paths(world: BuiltWorld): string[];
  /** Why one answer is wrong for the world, or undefined: a fast but wrong 200 must not pass. */
  check(body: unknown, world: BuiltWorld): string | undefined;
}

function token(world: BuiltWorld): string {
  return encodeURIComponent(world.instagramToken);
}

function pageSize(body: unknown, expected: number): string | undefined {
  const data = (body as { data?: unknown }).data;
  if (!Array.isArray(data)) return 'no data array';
  return data.length === expected ? undefined : `expected ${expected} items, got ${data.length}`;
}

export const ENDPOINTS: readonly Endpoint[] = [
  {
    name: 'list conversations',
    minRatio: 0.2,
    paths: (world) => [`/${VERSION}/me/conversations?access_token=${token(world)}`],
    check: (body, world) => pageSize(body, Math.min(25, world.shape.conversations)),
  },
  {
    name: 'list messages',
    minRatio: 0.2,
    paths: (world) =>
      world.conversationIds.map((id) => `/${VERSION}/${id}/messages?access_token=${token(world)}`),
    check: (body, world) => pageSize(body, Math.min(25, world.shape.messagesPerConversation)),
  },
  {
    name: 'message detail',
    minRatio: 0.3,
    paths: (world) =>
      world.detailMessageIds.map(
        (id) => `/${VERSION}/${id}?fields=id,created_time,from,to,message&access_token=${token(world)}`,
      ),
    check: (body) => {
      const m = body as { id?: unknown; message?: unknown; from?: unknown; to?: unknown };
      return typeof m.message === 'string' && m.from && m.to ? undefined : 'no message, from or to';
    },
  },
];

/** Requests the first and last path once and throws unless both answer 200 with a body `check` accepts. */
export async function verifyEndpoint(origin: string, endpoint: Endpoint, world: BuiltWorld): Promise<void> {
  const paths = endpoint.paths(world);
  for (const path of [paths[0], paths.at(-1)]) {
    if (path === undefined) throw new Error(`${endpoint.name}: no paths`);
    const response = await fetch(origin + path);
    const text = await response.text();
    let problem = response.status === 200 ? undefined : `status ${response.status}`;
    if (!problem) {
      try {
        problem = endpoint.check(JSON.parse(text), world);
      } catch {
        problem = 'body is not JSON';
      }
    }
    if (problem)
      throw new Error(`${endpoint.name} answers wrongly (${problem}): GET ${path}\n${text.slice(0, 500)}`);
  }
}

export interface EndpointRun {
  readonly name: string;
  /** Absent for the bare baseline. */
  readonly minRatio?: number;
  readonly load: LoadResult;
  /** The bare server in the windows between this run's: what its ratio is taken against. */
  readonly bare?: LoadResult;
}

export interface WorldRun {
  readonly world: WorldShape;
  readonly messages: number;
  readonly buildMs: number;
  readonly reused: boolean;
  /** The bare baseline first, then each endpoint. */
  readonly runs: readonly EndpointRun[];
}
