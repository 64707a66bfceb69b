/** Drives one server with autocannon (in this process), rotating over a list of paths, and sums up the run. */
import autocannon from 'autocannon';
import { ownCpuMs, processCpuMs, systemCpu } from './cpu-usage.ts';

export interface LoadOptions {
  readonly connections: number;
  readonly durationSec: number;
  /** An unmeasured run first, to warm the JIT, caches and connections. */
  readonly warmupSec: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  readonly timeouts: number;
  readonly bytesPerResponse: number;
  readonly statusCodes: Readonly<Record<string, number>>;
  /** Server CPU time per response (user + system, all threads), when the server's pid could be read. */
  readonly serverCpuUsPerRequest?: number;
  /** Share of one core the server used during the measured run. */
  readonly serverCpuShare?: number;
  /** Share of one core this process (the load generator) used: near 1 means the generator was the bottleneck. */
  readonly generatorCpuShare: number;
  /**
   * Cores' worth of CPU the rest of the machine used meanwhile (kernel networking included, plus hypervisor
   * steal): well above a few tenths means something else competed for the two cores and the run is suspect.
   */
  readonly otherCpuShare?: number;
}

/** A request to send: a path for a GET, or a full request. */
export type LoadRequest =
  | string
  | {
      readonly method: string;
      readonly path: string;
      readonly body?: string;
      readonly headers?: Readonly<Record<string, string>>;
    };

/** Sees every response's status and body (e.g. to collect the ids a server acknowledged). */
export type ResponseHook = (status: number, body: string) => void;

/** The `q` quantile of sorted values, by nearest rank. */
export function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** The `q` quantile of values in any order. */
export function quantileOf(values: readonly number[], q: number): number {
  return quantile(Float64Array.from(values).sort(), q);
}

interface RawRun {
  readonly result: autocannon.Result;
  readonly latencies: Float64Array;
  readonly bytes: number;
}

function cannon(
  origin: string,
  paths: readonly LoadRequest[],
  connections: number,
  durationSec: number,
  onResponse?: ResponseHook,
): Promise<RawRun> {
  if (paths.length === 0) throw new Error('no paths to request');
  let next = 0;
  // Autocannon's own histogram keeps whole milliseconds; keep every response time for sub-millisecond percentiles.
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let bytes = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin,
        connections,
        duration: durationSec,
        timeout: 10,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => {
              const spec = paths[next++ % paths.length]!;
              return typeof spec === 'string'
                ? { ...request, path: spec }
                : {
                    ...request,
                    method: spec.method as 'POST',
                    path: spec.path,
                    body: spec.body,
                    headers: { ...spec.headers },
                  };
            },
            ...(onResponse && { onResponse: (status: number, body: string) => onResponse(status, body) }),
          },
        ],
      },
      (error: unknown, result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, latencies: latencies.subarray(0, count), bytes });
      },
    );
    instance.on('response', (_client, _status, resBytes, responseTime) => {
      if (count === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[count++] = responseTime;
      bytes += resBytes;
    });
  });
}

/** One measured window against one server. */
interface Window {
  readonly latencies: Float64Array;
  readonly bytes: number;
  readonly result: autocannon.Result;
  readonly serverMs: number | undefined;
  readonly ownMs: number;
  readonly otherMs: number | undefined;
}

async function measureWindow(
  origin: string,
  paths: readonly LoadRequest[],
  connections: number,
  durationSec: number,
  serverPid?: number,
  onResponse?: ResponseHook,
): Promise<Window> {
  const serverBefore = serverPid === undefined ? undefined : processCpuMs(serverPid);
  const systemBefore = systemCpu();
  const ownBefore = ownCpuMs();
  const { result, latencies, bytes } = await cannon(origin, paths, connections, durationSec, onResponse);
  const ownMs = ownCpuMs() - ownBefore;
  const systemAfter = systemCpu();
  const serverAfter = serverPid === undefined ? undefined : processCpuMs(serverPid);
  const serverMs =
    serverBefore !== undefined && serverAfter !== undefined ? serverAfter - serverBefore : undefined;
  const otherMs =
    systemBefore && systemAfter && serverMs !== undefined
      ? systemAfter.busyMs -
        systemBefore.busyMs +
        (systemAfter.stealMs - systemBefore.stealMs) -
        serverMs -
        ownMs
      : undefined;
  return {
    latencies,
    bytes,
    result,
    serverMs,
    ownMs,
    otherMs: otherMs === undefined ? undefined : Math.max(0, otherMs),
  };
}

/** What one server's measured windows add up to. */
export class Tally {
  private readonly windows: Window[] = [];

  add(window: Window): void {
    this.windows.push(window);
  }

  result(): LoadResult {
    const { windows } = this;
    const total = (f: (w: Window) => number) => windows.reduce((n, w) => n + f(w), 0);
    /** Undefined when a window could not read it (no /proc). */
    const known = (f: (w: Window) => number | undefined) =>
      windows.every((w) => f(w) !== undefined) ? total((w) => f(w)!) : undefined;
    const count = total((w) => w.latencies.length);
    const sorted = new Float64Array(count);
    let at = 0;
    const statusCodes: Record<string, number> = {};
    for (const w of windows) {
      sorted.set(w.latencies, at);
      at += w.latencies.length;
      for (const [code, stat] of Object.entries(w.result.statusCodeStats ?? {}))
        statusCodes[code] = (statusCodes[code] ?? 0) + (stat.count ?? 0);
    }
    sorted.sort();
    const wallMs = total((w) => w.result.duration * 1000);
    const serverMs = known((w) => w.serverMs);
    const otherMs = known((w) => w.otherMs);
    return {
      requests: count,
      reqPerSec: count / (wallMs / 1000),
      p50Ms: quantile(sorted, 0.5),
      p99Ms: quantile(sorted, 0.99),
      non2xx: total((w) => w.result.non2xx),
      errors: total((w) => w.result.errors),
      timeouts: total((w) => w.result.timeouts),
      bytesPerResponse: count ? Math.round(total((w) => w.bytes) / count) : 0,
      statusCodes,
      ...(serverMs !== undefined &&
        count > 0 && {
          serverCpuUsPerRequest: (serverMs * 1000) / count,
          serverCpuShare: serverMs / wallMs,
        }),
      generatorCpuShare: total((w) => w.ownMs) / wallMs,
      ...(otherMs !== undefined && { otherCpuShare: otherMs / wallMs }),
    };
  }
}

/**
 * Warms up, then measures `origin` for `durationSec` with `connections` keep-alive connections.
 * `serverPid` lets it also measure the server's CPU time over the measured run.
 */
export async function runLoad(
  origin: string,
  paths: readonly LoadRequest[],
  options: LoadOptions,
  serverPid?: number,
  onResponse?: ResponseHook,
): Promise<LoadResult> {
  if (options.warmupSec > 0) await cannon(origin, paths, options.connections, options.warmupSec, onResponse);
  const tally = new Tally();
  tally.add(
    await measureWindow(origin, paths, options.connections, options.durationSec, serverPid, onResponse),
  );
  return tally.result();
}

/** The unmeasured load before each window of an alternating run. */
const WINDOW_WARMUP_SEC = 0.3;

/** One server of an alternating run. */
export interface LoadTarget {
  readonly origin: string;
  readonly paths: readonly LoadRequest[];
  readonly serverPid?: number;
  /** Where the target's windows are added up too (a baseline shared by several alternating runs). */
  readonly alsoInto?: Tally;
}

/**
 * Warms each target up, then measures them in turn, `rounds` windows each (`durationSec` in all per target,
 * each after a moment's unmeasured load), the order reversed every other round. The machine's speed drifts by
 * tens of percent within a minute, so figures that are compared with each other are taken in the same moments
 * rather than one after the other.
 */
export async function runAlternating(
  targets: readonly LoadTarget[],
  options: LoadOptions,
  rounds: number,
): Promise<LoadResult[]> {
  for (const t of targets) {
    if (options.warmupSec > 0) await cannon(t.origin, t.paths, options.connections, options.warmupSec);
  }
  const tallies = targets.map(() => new Tally());
  const windowSec = options.durationSec / rounds;
  for (let round = 0; round < rounds; round++) {
    const order = targets.map((_, i) => (round % 2 === 0 ? i : targets.length - 1 - i));
    for (const i of order) {
      const t = targets[i]!;
      // Unmeasured: the first turns of a server that sat idle while the others were loaded run slower.
      await cannon(t.origin, t.paths, options.connections, WINDOW_WARMUP_SEC);
      const window = await measureWindow(t.origin, t.paths, options.connections, windowSec, t.serverPid);
      tallies[i]!.add(window);
      t.alsoInto?.add(window);
    }
  }
  return tallies.map((tally) => tally.result());
}
