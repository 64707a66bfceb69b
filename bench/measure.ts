/** One measured run against one server child: start, verify, load (again if disturbed), explain errors, stop. */
import { runLoad, type LoadRequest, type LoadResult, type ResponseHook } from './load.ts';
import { formatCount, formatPercent, formatRate } from './report.ts';
import type { BenchOptions } from './scenario.ts';
import type { ChildServer } from './servers.ts';

/** More than this share of a core used by the rest of the machine during a run marks it as disturbed. */
export const BUSY_MACHINE_SHARE = 0.25;
/** Disturbed runs are repeated up to this many attempts in all; the least disturbed one counts. */
const MAX_ATTEMPTS = 3;

export interface MeasureSpec {
  readonly name: string;
  readonly start: () => Promise<ChildServer>;
  readonly paths: readonly LoadRequest[];
  /** Throws unless the server answers correctly: a fast wrong answer must not be measured. */
  readonly verify?: (origin: string) => Promise<void>;
  /** Sees every response (warm-up included). */
  readonly onResponse?: ResponseHook;
  /** Runs after the measured load, before the server stops (checks what the load left behind). */
  readonly after?: (origin: string) => Promise<void>;
}

export function disturbed(load: LoadResult): boolean {
  return (load.otherCpuShare ?? 0) > BUSY_MACHINE_SHARE;
}

export function describe(load: LoadResult): string {
  const cpu =
    load.serverCpuUsPerRequest === undefined
      ? ''
      : `, server ${Math.round(load.serverCpuUsPerRequest)} µs CPU/request`;
  const cores =
    `server ${formatPercent(load.serverCpuShare ?? Number.NaN)}, generator ${formatPercent(load.generatorCpuShare)}, ` +
    `rest of machine ${formatPercent(load.otherCpuShare ?? Number.NaN)} of a core`;
  return `${formatRate(load.reqPerSec)} req/s${cpu} (${cores})`;
}

/** Says what went wrong in a run with errors: its status codes, and what one request answers now. */
export async function describeProblems(
  origin: string,
  paths: readonly LoadRequest[],
  load: LoadResult,
  options: BenchOptions,
) {
  const codes = Object.entries(load.statusCodes)
    .map(([code, n]) => `${code}: ${formatCount(n)}`)
    .join(', ');
  options.log(
    `    FAILED RUN: ${formatCount(load.non2xx)} non-2xx, ${formatCount(load.errors)} errors (status codes ${codes})`,
  );
  const first = paths[0]!;
  const sample = await (
    typeof first === 'string'
      ? fetch(origin + first)
      : fetch(origin + first.path, { method: first.method, body: first.body, headers: first.headers })
  ).then(
    (r) => r.text(),
    (e: unknown) => String(e),
  );
  options.log(`    a request now answers: ${sample.slice(0, 300)}`);
}

export async function measure(spec: MeasureSpec, options: BenchOptions): Promise<LoadResult> {
  const { warmupSec, durationSec, connections } = options.load;
  // After start: a scenario may build its requests once its server is up.
  const server = await spec.start();
  options.log(
    `  ${spec.name}: ${warmupSec} s warm-up + ${durationSec} s at ${connections} connections over ${formatCount(spec.paths.length)} paths`,
  );
  try {
    await spec.verify?.(server.url);
    let best: LoadResult | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const load = await runLoad(server.url, spec.paths, options.load, server.pid, spec.onResponse);
      options.log(`    ${describe(load)}`);
      if (!best || (load.otherCpuShare ?? 0) < (best.otherCpuShare ?? 0)) best = load;
      if (!disturbed(load) || attempt === MAX_ATTEMPTS) break;
      options.log(
        `    something else used ${formatPercent(load.otherCpuShare ?? 0)} of a core meanwhile; measuring again`,
      );
    }
    if (best!.non2xx + best!.errors > 0) await describeProblems(server.url, spec.paths, best!, options);
    await spec.after?.(server.url);
    return best!;
  } finally {
    await server.stop();
  }
}
