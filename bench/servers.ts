/** Starts the servers under test as child processes, and makes sure none outlives the benchmark on any exit path. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  readonly name: string;
  /** Origin the server listens on, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly pid: number;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY = /listening on (http:\/\/\S+)/;
const running = new Set<ChildProcess>();

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (!exited(child)) {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, graceMs))) {
      child.kill('SIGKILL');
      await waitForExit(child, 2_000);
    }
  }
  running.delete(child);
}

/** Spawns `node …args` from the repository root and resolves once it prints "listening on <url>". */
function startChild(name: string, args: readonly string[], timeoutMs = 60_000): Promise<ChildServer> {
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  running.add(child);
  return new Promise((resolve, reject) => {
    let output = '';
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stopChild(child, 1_000).then(() =>
        reject(new Error(`${name}: ${reason}\n${output.slice(-2_000)}`)),
      );
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(error.message));
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      // Keep draining stdout after start-up so the child never blocks on a full pipe.
      if (settled) return;
      output += chunk;
      const url = READY.exec(output)?.[1];
      if (!url) return;
      settled = true;
      clearTimeout(timer);
      resolve({ name, url, pid: child.pid!, stop: (graceMs = 10_000) => stopChild(child, graceMs) });
    });
  });
}

export interface ParleyOptions {
  /** Write a V8 CPU profile of the server into this folder when it stops. */
  readonly cpuProfDir?: string;
}

/**
 * `parley start` on an existing database, without a seed, logging only warnings. Meta's rate limits are off:
 * with them on, the Conversations API allows two calls a second per account and every other call answers 429.
 */
export function startParley(db: string, options: ParleyOptions = {}): Promise<ChildServer> {
  const profile = options.cpuProfDir
    ? ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', options.cpuProfDir]
    : [];
  if (options.cpuProfDir) mkdirSync(options.cpuProfDir, { recursive: true });
  const cli = ['packages/cli/bin/parley.js', 'start', '--port', '0', '--db', db];
  cli.push('--seed', 'none', '--log-level', 'warn', '--rate-limits', 'off');
  return startChild('parley', [...profile, ...cli]);
}

/** The baseline: a bare node:http server answering a fixed Graph-sized JSON body (see bare-server.ts). */
export function startBare(): Promise<ChildServer> {
  return startChild('bare', ['--import', 'tsx', 'bench/bare-server.ts']);
}

/** The webhook endpoint deliveries go to, verifying every signature (see webhook-receiver.ts). */
export function startWebhookReceiver(): Promise<ChildServer> {
  return startChild('webhook receiver', ['--import', 'tsx', 'bench/webhook-receiver.ts']);
}

/** Stops every child still running (used on the normal path and on interrupts). */
export async function stopAll(graceMs = 5_000): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, graceMs)));
}

/**
 * Ctrl-C or SIGTERM stops the children gracefully and exits 130; any other exit (a crash included) kills
 * the ones left synchronously, since nothing asynchronous runs in an 'exit' handler.
 */
export function installChildCleanup(): void {
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    process.stderr.write(`\nbench: ${signal}, stopping servers…\n`);
    void stopAll(3_000).finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', () => {
    for (const child of running) if (!exited(child)) child.kill('SIGKILL');
  });
}

/** A JSON request to a child server (GET without a body, POST with one); a non-2xx answer throws. */
export async function call(origin: string, path: string, body?: unknown, token?: string): Promise<any> {
  const res = await fetch(origin + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
