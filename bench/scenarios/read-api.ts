/** The read-api scenario: Graph read endpoints vs bare node:http, in a 1M-message and a 10k-message world. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { LoadResult } from '../load.ts';
import { measure } from '../measure.ts';
import { formatCount, formatSeconds } from '../report.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { startBare, startParley } from '../servers.ts';
import { buildWorld, readBuiltWorld, type BuiltWorld } from '../world-builder.ts';
import type { WorldShape } from '../world-rows.ts';
import { ENDPOINTS, TARGETS, VERSION, verifyEndpoint, type Endpoint } from './read-api-endpoints.ts';
import { reportHistory, reportWorld } from './read-api-report.ts';

/**
 * Both worlds hold 100 messages per conversation, so every endpoint answers the same page shapes and sizes
 * in both; only how much is stored differs (10,000 vs 100 conversations, 1M vs 10k messages).
 */
const WORLDS: readonly { shape: WorldShape; file: string }[] = [
  {
    shape: { name: '1M messages', conversations: 10_000, messagesPerConversation: 100 },
    file: 'world-1m.db',
  },
  { shape: { name: '10k messages', conversations: 100, messagesPerConversation: 100 }, file: 'world-10k.db' },
];

export interface EndpointRun {
  readonly name: string;
  /** Absent for the bare baseline. */
  readonly minRatio?: number;
  readonly load: LoadResult;
}

export interface WorldRun {
  readonly world: WorldShape;
  readonly messages: number;
  readonly buildMs: number;
  readonly reused: boolean;
  /** The bare baseline first, then each endpoint. */
  readonly runs: readonly EndpointRun[];
}

async function prepareWorld(file: string, shape: WorldShape, options: BenchOptions) {
  const previous = options.reuseWorlds ? readBuiltWorld(file, shape) : undefined;
  if (previous) {
    options.log(
      `Reusing ${shape.name} world in ${file} (built in ${formatSeconds(previous.buildMs)} by an earlier run)`,
    );
    return { world: previous, reused: true };
  }
  const total = shape.conversations * shape.messagesPerConversation;
  options.log(
    `Building ${shape.name} world: ${formatCount(shape.conversations)} conversations × ${shape.messagesPerConversation} messages…`,
  );
  let reported = 0;
  const world = await buildWorld(file, shape, (done) => {
    if (done - reported >= total / 5 || done === total) {
      reported = done;
      options.log(`  ${formatCount(done)} / ${formatCount(total)} messages`);
    }
  });
  const within =
    shape.conversations * shape.messagesPerConversation < 1_000_000 || world.buildMs < TARGETS.buildMs;
  options.log(
    `  built in ${formatSeconds(world.buildMs)}${within ? '' : ` — over the ${formatSeconds(TARGETS.buildMs)} target`}`,
  );
  return { world, reused: false };
}

function flushToDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // No sync command: measurements may then compete with write-back for a while.
  }
}

function measureBare(options: BenchOptions): Promise<LoadResult> {
  const paths = [`/${VERSION}/me/conversations`];
  return measure({ name: 'bare node:http', start: startBare, paths }, options);
}

/**
 * Each world's bare baseline, then each endpoint in one world right after the other: the history target
 * compares the two worlds, and this machine's speed drifts by tens of percent over a minute, so the two
 * measurements it compares are taken side by side rather than a whole world apart.
 */
async function measureWorlds(worlds: readonly BuiltWorld[], options: BenchOptions): Promise<EndpointRun[][]> {
  const runs: EndpointRun[][] = [];
  for (const world of worlds) {
    options.log(`Baseline for the ${world.shape.name} world`);
    runs.push([{ name: 'bare node:http', load: await measureBare(options) }]);
  }
  for (const endpoint of ENDPOINTS) {
    for (const [i, world] of worlds.entries()) {
      options.log(`${world.shape.name} world`);
      const load = await measureEndpoint(endpoint, world, options);
      runs[i]!.push({ name: endpoint.name, minRatio: endpoint.minRatio, load });
    }
  }
  return runs;
}

function measureEndpoint(endpoint: Endpoint, world: BuiltWorld, options: BenchOptions): Promise<LoadResult> {
  const slug = `${world.shape.name}-${endpoint.name}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const cpuProfDir = options.cpuProfile ? join(options.resultsDir, 'profiles', slug) : undefined;
  return measure(
    {
      name: endpoint.name,
      start: () => startParley(world.file, { cpuProfDir }),
      paths: endpoint.paths(world),
      verify: (origin) => verifyEndpoint(origin, endpoint, world),
    },
    options,
  );
}

export const readApiScenario: Scenario = {
  name: 'read-api',
  summary:
    'Graph read endpoints (conversations, messages, message detail) vs bare node:http, 1M and 10k messages',
  async run(options) {
    const prepared = [];
    for (const { shape, file } of WORLDS)
      prepared.push(await prepareWorld(join(options.resultsDir, file), shape, options));
    // A fresh world leaves hundreds of MB for the kernel to write back; let that finish before measuring.
    if (prepared.some((p) => !p.reused)) flushToDisk();
    const measured = await measureWorlds(
      prepared.map((p) => p.world),
      options,
    );
    const worldRuns: WorldRun[] = prepared.map(({ world, reused }, i) => ({
      world: world.shape,
      messages: world.shape.conversations * world.shape.messagesPerConversation,
      buildMs: world.buildMs,
      reused,
      runs: measured[i]!,
    }));
    let passed = true;
    for (const run of worldRuns) {
      const report = reportWorld(run);
      options.log(`\n${report.text}`);
      passed &&= report.passed;
    }
    const [large, small] = worldRuns;
    if (large && small) {
      const history = reportHistory(large, small);
      options.log(`\n${history.text}`);
      passed &&= history.passed;
    }
    return { passed, results: { targets: TARGETS, load: options.load, worlds: worldRuns } };
  },
};
