/** The read-api scenario: Graph read endpoints vs bare node:http, in a 1M-message and a 10k-message world. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runAlternating, Tally, type LoadResult, type LoadTarget } from '../load.ts';
import { describe, describeProblems } from '../measure.ts';
import { formatCount, formatSeconds, INFORMATION_NOTE } from '../report.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { startBare, startParley, type ChildServer } from '../servers.ts';
import { buildWorld, readBuiltWorld, type BuiltWorld } from '../world-builder.ts';
import type { WorldShape } from '../world-rows.ts';
import {
  ENDPOINTS,
  TARGETS,
  VERSION,
  verifyEndpoint,
  type Endpoint,
  type EndpointRun,
  type WorldRun,
} from './read-api-endpoints.ts';
import { reportHistory, reportWorld } from './read-api-report.ts';

/** Windows each server is loaded in, in turn, for one endpoint. */
const ROUNDS = 10;

/**
 * Both worlds hold 100 messages per conversation, so every endpoint answers the same page shapes and sizes
 * in both; only how much is stored differs (10,000 vs 100 conversations, 1M vs 10k messages).
 */
export const WORLDS: readonly { shape: WorldShape; file: string }[] = [
  {
    shape: { name: '1M messages', conversations: 10_000, messagesPerConversation: 100 },
    file: 'world-1m.db',
  },
  { shape: { name: '10k messages', conversations: 100, messagesPerConversation: 100 }, file: 'world-10k.db' },
];

/** The world in `file`: the one an earlier run built, with --reuse-worlds, or built now. */
export async function prepareWorld(file: string, shape: WorldShape, options: BenchOptions) {
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
  options.log(`  built in ${formatSeconds(world.buildMs)}`);
  return { world, reused: false };
}

function flushToDisk(): void {
  try {
    execFileSync('sync');
  } catch {
    // No sync command: measurements may then compete with write-back for a while.
  }
}

/**
 * Each endpoint in every world, beside the bare server: their servers are loaded in turn, in short windows
 * (`runAlternating`), because this machine's speed drifts by tens of percent within a minute, and the targets
 * compare these figures with each other (a ratio to bare, one world to the other). The bare row of each table
 * adds up all the bare windows.
 */
async function measureWorlds(worlds: readonly BuiltWorld[], options: BenchOptions): Promise<EndpointRun[][]> {
  const bare = await startBare();
  try {
    const bareWindows = new Tally();
    const baseline = { origin: bare.url, paths: [`/${VERSION}/me/conversations`], serverPid: bare.pid };
    const runs: EndpointRun[][] = worlds.map(() => []);
    for (const endpoint of ENDPOINTS) {
      const [paired, ...loads] = await measureEndpoint(
        endpoint,
        worlds,
        { ...baseline, alsoInto: bareWindows },
        options,
      );
      for (const [i, load] of loads.entries()) {
        runs[i]!.push({ name: endpoint.name, minRatio: endpoint.minRatio, load, bare: paired });
      }
    }
    const bareRun = { name: 'bare node:http', load: bareWindows.result() };
    return runs.map((endpointRuns) => [bareRun, ...endpointRuns]);
  } finally {
    await bare.stop();
  }
}

/** One endpoint in every world, in windows alternating with the bare server's: the bare load first. */
async function measureEndpoint(
  endpoint: Endpoint,
  worlds: readonly BuiltWorld[],
  baseline: LoadTarget,
  options: BenchOptions,
): Promise<LoadResult[]> {
  const { warmupSec, durationSec, connections } = options.load;
  const servers: ChildServer[] = [];
  try {
    for (const world of worlds) {
      const slug = `${world.shape.name}-${endpoint.name}`.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      const cpuProfDir = options.cpuProfile ? join(options.resultsDir, 'profiles', slug) : undefined;
      const server = await startParley(world.file, { cpuProfDir });
      servers.push(server);
      await verifyEndpoint(server.url, endpoint, world);
    }
    options.log(
      `${endpoint.name}, ${worlds.map((w) => w.shape.name).join(' and ')} worlds and bare node:http: ` +
        `${warmupSec} s warm-up each, then ${durationSec} s each at ${connections} connections, ` +
        `in ${ROUNDS} windows taken in turn`,
    );
    const targets = [
      baseline,
      ...servers.map((server, i) => ({
        origin: server.url,
        paths: endpoint.paths(worlds[i]!),
        serverPid: server.pid,
      })),
    ];
    const loads = await runAlternating(targets, options.load, ROUNDS);
    const names = ['bare node:http', ...worlds.map((w) => w.shape.name)];
    for (const [i, load] of loads.entries()) {
      options.log(`  ${names[i]}: ${describe(load)}`);
      if (i > 0 && load.non2xx + load.errors > 0)
        await describeProblems(servers[i - 1]!.url, targets[i]!.paths, load, options);
    }
    return loads;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
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
    options.log(INFORMATION_NOTE);
    return { passed, results: { targets: TARGETS, load: options.load, worlds: worldRuns } };
  },
};
