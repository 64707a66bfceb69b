/**
 * The first-minute scenario: how soon `parley start` answers, built and from source; what createParley()
 * costs in a test process, a reset of the demo world in memory, and the memory Parley holds at rest.
 * Targets (absolute, as the issue names them): a start on an existing database ready in under 500 ms, and a
 * reset of the demo world in memory under 20 ms (medians).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantileOf } from '../load.ts';
import { formatMs, table, verdict } from '../report.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTS = 10;
const TARGETS = { startMs: 500, resetMs: 20 } as const;

const BUILT = ['packages/cli/bin/parley.js'];
const FROM_SOURCE = ['--conditions=parley-source', '--import', 'tsx', 'bench/parley-from-source.ts'];

const median = (values: readonly number[]) => quantileOf(values, 0.5);
const p95 = (values: readonly number[]) => quantileOf(values, 0.95);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Spawns parley, answers the milliseconds until its banner's first line, and its resident memory then. */
function timeStart(command: readonly string[], db: string): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [...command, 'start', '--port', '0', '--db', db, '--log-level', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
      if (ready || !out.includes('Parley listening on')) return;
      ready = true;
      const ms = performance.now() - started;
      // Memory at rest: once the banner is out and the start's garbage has had a moment to go.
      setTimeout(() => {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
        child.once('exit', () => resolve({ ms, rss }));
        child.kill('SIGTERM');
      }, 300);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!out.includes('Parley listening on'))
        reject(new Error(`parley exited (${code}) before it was ready`));
    });
  });
}

async function series(command: readonly string[], db: (i: number) => string) {
  const runs = [];
  for (let i = 0; i < STARTS; i++) runs.push(await timeStart(command, db(i)));
  return { ms: median(runs.map((r) => r.ms)), rss: median(runs.map((r) => r.rss)) };
}

function probeInProcess(): Promise<{ importMs: number; startMs: number; resets: number[]; rss: number }> {
  const child = spawn(process.execPath, ['--expose-gc', 'bench/in-process-probe.mjs', '100'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`probe exited ${code}`)),
    ),
  );
}

export const firstMinuteScenario: Scenario = {
  name: 'first-minute',
  summary: 'start to ready (built and tsx), createParley(), reset of the demo world, memory at rest',
  async run(options: BenchOptions) {
    const dir = mkdtempSync(join(options.resultsDir, 'first-minute-'));
    try {
      const existing = join(dir, 'existing.db');
      await timeStart(BUILT, existing); // makes and seeds it
      const cold = await series(BUILT, (i) => join(dir, `cold-${i}.db`));
      const warm = await series(BUILT, () => existing);
      const tsx = await series(FROM_SOURCE, () => existing);
      const probe = await probeInProcess();
      const reset = { median: median(probe.resets), p95: p95(probe.resets) };
      const failures = [
        ...(warm.ms < TARGETS.startMs ? [] : [`start ${formatMs(warm.ms)} ms ≥ ${TARGETS.startMs}`]),
        ...(reset.median < TARGETS.resetMs
          ? []
          : [`reset ${formatMs(reset.median)} ms ≥ ${TARGETS.resetMs}`]),
      ];
      options.log(
        table(
          [{ title: 'What' }, { title: 'ms (median)', align: 'right' }, { title: 'memory', align: 'right' }],
          [
            ['parley start, new SQLite database (seeds the demo world)', formatMs(cold.ms), mib(cold.rss)],
            ['parley start, existing database', formatMs(warm.ms), mib(warm.rss)],
            ['parley start from source through tsx, existing database', formatMs(tsx.ms), mib(tsx.rss)],
            ['import @parley/server in a test process', formatMs(probe.importMs), ''],
            ['createParley(), in memory with the demo world', formatMs(probe.startMs), mib(probe.rss)],
            [`reset() of the demo world (p95 ${formatMs(reset.p95)} ms)`, formatMs(reset.median), ''],
          ],
        ),
      );
      options.log(
        `\n${verdict(failures)}: start on an existing database < ${TARGETS.startMs} ms, reset < ${TARGETS.resetMs} ms`,
      );
      return {
        passed: failures.length === 0,
        results: { cold, warm, tsx, inProcess: { ...probe, resets: undefined, reset } },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
