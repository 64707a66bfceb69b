/** `npm run bench [-- <scenario…>] [options]`: runs the benchmark scenarios and writes their figures. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchOptions, Scenario } from './scenario.ts';
import { consoleScenario } from './scenarios/console.ts';
import { firstMinuteScenario } from './scenarios/first-minute.ts';
import { readApiScenario } from './scenarios/read-api.ts';
import { sendApiScenario } from './scenarios/send-api.ts';
import { webhooksScenario } from './scenarios/webhooks.ts';
import { installChildCleanup, stopAll } from './servers.ts';

// Servers run as child processes, the load generator here; results go to bench/.results/. Exits 1 when a
// target is missed (every target is a ratio to a baseline measured in the same run) or a run has errors.

/** Every scenario, in the order `npm run bench` runs them when none is named. */
const SCENARIOS: readonly Scenario[] = [
  readApiScenario,
  sendApiScenario,
  webhooksScenario,
  firstMinuteScenario,
  consoleScenario,
];

const USAGE = `Usage: npm run bench -- [scenario…] [options]

Scenarios:
${SCENARIOS.map((s) => `  ${s.name.padEnd(12)}${s.summary}`).join('\n')}

Options:
  --duration S      measured seconds per run (default 10)
  --warmup S        unmeasured warm-up seconds before each run (default 3)
  --connections N   concurrent keep-alive connections (default 50)
  --reuse-worlds    reuse worlds an earlier run built, when their shape matches
  --cpu-prof        write a V8 CPU profile of each Parley child to bench/.results/profiles/
`;

function positiveNumber(raw: string | undefined, fallback: number, flag: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`--${flag} must be a non-negative number, got "${raw}"`);
  return value;
}

function readOptions(argv: readonly string[]): { scenarios: Scenario[]; options: BenchOptions } | undefined {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      'reuse-worlds': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return undefined;
  const scenarios = positionals.map((name) => {
    const found = SCENARIOS.find((s) => s.name === name);
    if (!found)
      throw new Error(`Unknown scenario "${name}"; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
    return found;
  });
  const resultsDir = fileURLToPath(new URL('./.results/', import.meta.url));
  return {
    scenarios: scenarios.length > 0 ? scenarios : [...SCENARIOS],
    options: {
      resultsDir,
      load: {
        durationSec: positiveNumber(values.duration, 10, 'duration'),
        warmupSec: positiveNumber(values.warmup, 3, 'warmup'),
        connections: Math.max(1, Math.round(positiveNumber(values.connections, 50, 'connections'))),
      },
      reuseWorlds: values['reuse-worlds'],
      cpuProfile: values['cpu-prof'],
      log: (line) => process.stdout.write(`${line}\n`),
    },
  };
}

/** The commit measured, and whether the server's sources differ from it. */
function revision(): string {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    }).trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'packages') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted changes under packages/' : ''}`;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const parsed = readOptions(process.argv.slice(2));
  if (!parsed) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { scenarios, options } = parsed;
  mkdirSync(options.resultsDir, { recursive: true });
  installChildCleanup();
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    revision: revision(),
  };
  options.log(
    `Machine: ${machine.cores} × ${machine.cpu}, ${machine.memoryGb} GB, Node ${machine.node}; Parley ${machine.revision}`,
  );
  let passed = true;
  try {
    for (const scenario of scenarios) {
      options.log(`== ${scenario.name}: ${scenario.summary}`);
      const outcome = await scenario.run(options);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = join(options.resultsDir, `${scenario.name}-${stamp}.json`);
      writeFileSync(
        file,
        JSON.stringify(
          { scenario: scenario.name, at: new Date().toISOString(), machine, results: outcome.results },
          null,
          2,
        ),
      );
      options.log(
        `\n${scenario.name}: ${outcome.passed ? 'all targets met' : 'TARGETS MISSED'} (figures in ${file})\n`,
      );
      passed &&= outcome.passed;
    }
  } finally {
    await stopAll();
  }
  return passed ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
