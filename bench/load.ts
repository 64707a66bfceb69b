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
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
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
  const serverBefore = serverPid === undefined ? undefined : processCpuMs(serverPid);
  const systemBefore = systemCpu();
  const ownBefore = ownCpuMs();
  const { result, latencies, bytes } = await cannon(
    origin,
    paths,
    options.connections,
    options.durationSec,
    onResponse,
  );
  const ownMs = ownCpuMs() - ownBefore;
  const systemAfter = systemCpu();
  const serverAfter = serverPid === undefined ? undefined : processCpuMs(serverPid);
  const serverMs =
    serverBefore !== undefined && serverAfter !== undefined ? serverAfter - serverBefore : undefined;
  const wallMs = result.duration * 1000;
  const otherMs =
    systemBefore && systemAfter && serverMs !== undefined
      ? systemAfter.busyMs -
        systemBefore.busyMs +
        (systemAfter.stealMs - systemBefore.stealMs) -
        serverMs -
        ownMs
      : undefined;
  const sorted = latencies.slice().sort();
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stat.count ?? 0;
  return {
    requests: latencies.length,
    reqPerSec: latencies.length / result.duration,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: latencies.length ? Math.round(bytes / latencies.length) : 0,
    statusCodes,
    ...(serverMs !== undefined &&
      latencies.length > 0 && {
        serverCpuUsPerRequest: (serverMs * 1000) / latencies.length,
        serverCpuShare: serverMs / wallMs,
      }),
    generatorCpuShare: ownMs / wallMs,
    ...(otherMs !== undefined && { otherCpuShare: Math.max(0, otherMs) / wallMs }),
  };
}
