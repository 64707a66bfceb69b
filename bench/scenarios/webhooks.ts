/**
 * The webhooks scenario. Throughput: a backlog of person messages builds up while the receiver answers 503,
 * then Parley drains it into a receiver that verifies every signature; a bare undici sender then posts the
 * same bodies to the same receiver. Latency: people message the business at a steady 1,000 a second, and
 * each message's time from request to webhook arrival is measured.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'undici';
import { processCpuMs, systemCpu } from '../cpu-usage.ts';
import {
  formatCount,
  formatMs,
  formatPercent,
  formatRate,
  INFORMATION_NOTE,
  table,
  verdict,
} from '../report.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';
import { call, startParley, startWebhookReceiver, type ChildServer } from '../servers.ts';

const VERSION = 'v23.0';
/** The webhooks' one target, a ratio to the bare sender measured in the same run on the same receiver. */
const TARGETS = { minRatio: 0.5 } as const;
/** The steady rate at which people write during the latency run. */
const STEADY_EVENTS_PER_SEC = 1000;
const PEOPLE = 200;
/** Messages each person sends to the warm-up backlog. */
const WARMUP_PER_PERSON = 200;
/**
 * Messages each person sends to the measured backlog: three times the 40,000 events whose drain took 0.3–0.5 s,
 * of which the first and last 30–40 ms left Parley mostly waiting, so that those weigh less in the figure. The
 * drain still lasts only 0.4–0.6 s on a fast machine (1.1 s on one a third as fast): a pause moves its figure.
 * A larger backlog would outgrow the webhook entry cache (64 MB), and the drain would read events it now has.
 */
const BACKLOG_PER_PERSON = 600;
/** Requests in flight while the backlog is written. */
const WRITERS = 32;

interface Setup {
  readonly parley: ChildServer;
  readonly receiver: ChildServer;
  readonly account: string;
  readonly people: readonly string[];
  readonly pool: Pool;
}

interface Stats {
  posts: number;
  entries: number;
  badSignatures: number;
  firstAt: number;
  lastAt: number;
}

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const control = (receiver: ChildServer, path: string, body: unknown = {}) =>
  call(receiver.url, `/_control/${path}`, body);

/** A shop whose app is subscribed to its messages, and people to write to it. */
async function setUp(parley: ChildServer, receiver: ChildServer): Promise<Setup> {
  const origin = parley.url;
  const app = await call(origin, '/_parley/apps', { name: 'Webhook Bench' });
  const shop = await call(origin, '/_parley/accounts', { type: 'instagram', username: 'webhook.bench' });
  const { access_token: token } = await call(origin, '/_parley/tokens', {
    app_id: app.id,
    account_id: shop.id,
  });
  await control(receiver, 'configure', { secret: app.secret, status: 200 });
  await call(origin, `/${VERSION}/${app.id}/subscriptions`, {
    object: 'instagram',
    callback_url: `${receiver.url}/webhook`,
    verify_token: 'bench-verify',
    fields: 'messages',
    access_token: app.app_token,
  });
  await call(origin, `/${VERSION}/me/subscribed_apps`, { subscribed_fields: 'messages' }, token);
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    people.push((await call(origin, '/_parley/users', { username: `hook_person_${i}` })).id);
  }
  const pool = new Pool(origin, { connections: WRITERS });
  return { parley, receiver, account: shop.id, people, pool };
}

async function personSends(setup: Setup, person: string, text: string): Promise<number> {
  const response = await setup.pool.request({
    method: 'POST',
    path: `/_parley/users/${person}/messages`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: setup.account, text }),
  });
  await response.body.text();
  return response.statusCode;
}

async function waitForEntries(receiver: ChildServer, count: number, timeoutMs: number): Promise<Stats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stats = (await control(receiver, 'stats')) as Stats;
    if (stats.entries >= count) return stats;
    if (Date.now() > deadline) throw new Error(`only ${stats.entries} of ${count} webhook events arrived`);
    await sleep(20);
  }
}

interface Throughput {
  readonly events: number;
  readonly perSec: number;
  readonly posts: number;
  readonly cpuUsPerEvent?: number;
  /** The receiver's CPU per event: it shares the machine's two cores with the sender. */
  readonly receiverUsPerEvent?: number;
  /** Cores the whole machine kept busy meanwhile. */
  readonly machineCores?: number;
}

/**
 * What the receiver, the sender (when it is Parley) and the whole machine spend on CPU while `run` sends its
 * events.
 */
async function withCpu(
  receiver: ChildServer,
  run: () => Promise<Throughput>,
  parley?: ChildServer,
): Promise<Throughput> {
  const cpuMs = (server: ChildServer | undefined) => (server ? processCpuMs(server.pid) : undefined);
  const perEvent = (before: number | undefined, after: number | undefined, events: number) =>
    before === undefined || after === undefined ? undefined : ((after - before) * 1000) / events;
  const [parleyBefore, receiverBefore, machineBefore] = [cpuMs(parley), cpuMs(receiver), systemCpu()];
  const started = now();
  const result = await run();
  const elapsed = now() - started;
  const [parleyAfter, receiverAfter, machineAfter] = [cpuMs(parley), cpuMs(receiver), systemCpu()];
  const cpuUsPerEvent = perEvent(parleyBefore, parleyAfter, result.events);
  const receiverUsPerEvent = perEvent(receiverBefore, receiverAfter, result.events);
  return {
    ...result,
    ...(cpuUsPerEvent !== undefined && { cpuUsPerEvent }),
    ...(receiverUsPerEvent !== undefined && { receiverUsPerEvent }),
    ...(machineBefore &&
      machineAfter && { machineCores: (machineAfter.busyMs - machineBefore.busyMs) / elapsed }),
  };
}

/** Builds a backlog while the receiver refuses, then times Parley draining it. */
async function drainBacklog(
  setup: Setup,
  options: BenchOptions,
  perPerson: number,
  record: boolean,
): Promise<Throughput> {
  const { parley, receiver, people } = setup;
  const total = PEOPLE * perPerson;
  options.log(`  writing a backlog of ${formatCount(total)} person messages while the receiver answers 503…`);
  await control(receiver, 'configure', { status: 503 });
  let next = 0;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let i = next++; i < total; i = next++) {
        const status = await personSends(setup, people[i % PEOPLE]!, `backlog ${i}`);
        if (status !== 200) throw new Error(`person message answered ${status}`);
      }
    }),
  );
  await control(receiver, 'reset');
  await control(receiver, 'configure', { status: 200, record });
  const drain = async (): Promise<Throughput> => {
    const started = now();
    // Every retry falls due at once.
    await call(parley.url, '/_parley/clock', { advance_seconds: 600 });
    const stats = await waitForEntries(receiver, total, 300_000);
    await control(receiver, 'configure', { record: false });
    if (stats.badSignatures > 0) throw new Error(`${stats.badSignatures} webhook signatures did not verify`);
    return {
      events: stats.entries,
      perSec: (stats.entries * 1000) / (stats.lastAt - started),
      posts: stats.posts,
    };
  };
  return withCpu(receiver, drain, parley);
}

/** Writes the bodies the receiver recorded to `file`, and empties its counts. */
async function saveBodies(receiver: ChildServer, file: string): Promise<void> {
  await control(receiver, 'save-bodies', { file });
  await control(receiver, 'reset');
}

/** The bodies saved in `file`, posted again by a bare undici sender (a child process, as Parley is). */
function postSaved(receiver: ChildServer, file: string): Promise<Throughput> {
  return withCpu(receiver, () => postBodies(receiver, file, 8));
}

async function postBodies(receiver: ChildServer, file: string, concurrency: number): Promise<Throughput> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/bare-webhook-sender.ts',
      file,
      `${receiver.url}/webhook`,
      String(concurrency),
      '3',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`bare sender exited with ${code}`);
  const sent = JSON.parse(out.trim().split('\n').at(-1)!) as {
    posts: number;
    entries: number;
    failures: number;
    ms: number;
  };
  const stats = (await control(receiver, 'stats')) as Stats;
  if (sent.failures > 0 || stats.badSignatures > 0)
    throw new Error('bare sender: failed posts or bad signatures');
  return { events: sent.entries, perSec: (sent.entries * 1000) / sent.ms, posts: sent.posts };
}

interface Latency {
  readonly sent: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** People write at a steady rate; each message's time from request to webhook arrival. */
async function latencyAtRate(setup: Setup, seconds: number): Promise<Latency> {
  await control(setup.receiver, 'reset');
  await control(setup.receiver, 'configure', { record: true });
  const total = Math.round(STEADY_EVENTS_PER_SEC * seconds);
  const sentAt = new Float64Array(total);
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = now();
  for (let n = 0; n < total;) {
    const due = Math.min(total, Math.floor(((now() - started) * STEADY_EVENTS_PER_SEC) / 1000));
    for (; n < due; n++) {
      sentAt[n] = now();
      inFlight.push(
        personSends(setup, setup.people[n % PEOPLE]!, `lat-${n}`).then((status) => {
          if (status !== 200) errors++;
        }),
      );
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  await waitForEntries(setup.receiver, total - errors, 30_000);
  await control(setup.receiver, 'configure', { record: false });
  const arrivals = (await control(setup.receiver, 'arrivals')) as Record<string, number>;
  const latencies = Float64Array.from(Object.entries(arrivals), ([n, at]) => at - sentAt[Number(n)]!).sort();
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)]!;
  return { sent: total, errors, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: latencies.at(-1)! };
}

export const webhooksScenario: Scenario = {
  name: 'webhooks',
  summary: 'webhook deliveries/s vs a bare undici sender of the same bodies, and latency at 1,000 events/s',
  async run(options: BenchOptions) {
    const db = join(options.resultsDir, 'webhooks.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    const cpuProfDir = options.cpuProfile ? join(options.resultsDir, 'profiles', 'webhooks') : undefined;
    const receiver = await startWebhookReceiver();
    const parley = await startParley(db, { cpuProfDir });
    const setup = await setUp(parley, receiver);
    const bodies = join(options.resultsDir, 'webhook-bodies.json');
    try {
      // A smaller drain first, unmeasured, as the other scenarios warm up before they measure: the measured one
      // lasts a second or less, and would otherwise time V8 compiling the delivery's paths.
      await drainBacklog(setup, options, WARMUP_PER_PERSON, true);
      // The receiver is warmed the same way: the bare sender posts those bodies for its usual 3 s, unmeasured,
      // as it will before its own figure. Otherwise Parley's drain meets a receiver that has handled some 50
      // POSTs and spends twice the CPU on each (V8 has not yet compiled its paths nor sized its heap), and the
      // bare sender one that has handled a thousand more.
      await saveBodies(receiver, bodies);
      await postSaved(receiver, bodies);
      options.log('  (warm-up drained, and posted again by the bare sender; unmeasured)');
      // The measured drain is not recorded: the receiver keeping its bodies is work it would do for Parley
      // only. The bare sender posts the warm-up drain's bodies, made the same way (1,000 events a POST).
      const drained = await drainBacklog(setup, options, BACKLOG_PER_PERSON, false);
      options.log(
        `  Parley drained ${formatCount(drained.events)} events in ${formatCount(drained.posts)} POSTs`,
      );
      const bare = await postSaved(receiver, bodies);
      options.log(`  bare undici sender: ${formatRate(bare.perSec)} events/s`);
      options.log(
        `  latency: ${formatCount(STEADY_EVENTS_PER_SEC)} person messages a second for ${options.load.durationSec} s…`,
      );
      await latencyAtRate(setup, Math.min(2, options.load.warmupSec));
      const latency = await latencyAtRate(setup, options.load.durationSec);
      // For scale: the same bare sender posting the small bodies of the steady run, a POST per event or so.
      await saveBodies(receiver, bodies);
      const bareSmall = await postSaved(receiver, bodies);
      return report(bare, drained, latency, bareSmall, options);
    } finally {
      rmSync(bodies, { force: true });
      await setup.pool.close();
      await parley.stop();
      await receiver.stop();
    }
  },
};

function report(
  bare: Throughput,
  parley: Throughput,
  latency: Latency,
  bareSmall: Throughput,
  options: BenchOptions,
) {
  const ratio = parley.perSec / bare.perSec;
  const failures = ratio < TARGETS.minRatio ? [`< ${formatPercent(TARGETS.minRatio)} of bare`] : [];
  const columns = [
    { title: 'sender' },
    { title: 'vs bare', align: 'right' as const },
    { title: 'target' },
    { title: 'result' },
    { title: 'info: events/s', align: 'right' as const },
    { title: 'CPU µs/event', align: 'right' as const },
    { title: 'receiver µs/event', align: 'right' as const },
    { title: 'machine cores', align: 'right' as const },
    { title: 'events', align: 'right' as const },
    { title: 'POSTs', align: 'right' as const },
  ];
  const row = (name: string, t: Throughput, target: string, result: string) => [
    name,
    formatPercent(t.perSec / bare.perSec),
    target,
    result,
    formatRate(t.perSec),
    t.cpuUsPerEvent === undefined ? '' : t.cpuUsPerEvent.toFixed(1),
    t.receiverUsPerEvent === undefined ? '' : t.receiverUsPerEvent.toFixed(1),
    t.machineCores === undefined ? '' : t.machineCores.toFixed(2),
    formatCount(t.events),
    formatCount(t.posts),
  ];
  const latencyTable = table(
    [
      { title: 'events', align: 'right' },
      { title: 'errors', align: 'right' },
      { title: 'p50 ms', align: 'right' },
      { title: 'p99 ms', align: 'right' },
      { title: 'max ms', align: 'right' },
    ],
    [
      [
        formatCount(latency.sent),
        formatCount(latency.errors),
        formatMs(latency.p50Ms),
        formatMs(latency.p99Ms),
        formatMs(latency.maxMs),
      ],
    ],
  );
  options.log(
    '\nWebhook throughput (backlog drained into a receiver that verifies every signature)\n' +
      table(columns, [
        row('bare undici sender', bare, 'baseline', 'pass'),
        row('parley', parley, `≥ ${formatPercent(TARGETS.minRatio)}`, verdict(failures)),
        row('bare, steady-run bodies', bareSmall, 'for scale', ''),
      ]) +
      `\n\nWebhook latency at ${formatCount(STEADY_EVENTS_PER_SEC)} events/s, person message request to webhook ` +
      'arrival (for information only: there is no baseline to compare it with)\n' +
      latencyTable +
      (latency.errors > 0 ? `\nFAIL: ${formatCount(latency.errors)} person messages were not accepted` : '') +
      `\n${INFORMATION_NOTE}`,
  );
  return {
    passed: failures.length === 0 && latency.errors === 0,
    results: { targets: TARGETS, bare, parley, latency, bareSmall },
  };
}
