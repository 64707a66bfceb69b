/**
 * The webhook baseline, a child of the webhooks scenario: posts bodies Parley delivered (same bytes, same
 * signatures) to the receiver with undici over keep-alive connections, as fast as it can, and prints what it
 * sent as one JSON line. What Parley adds to this is claiming, signing and recording each delivery.
 *
 * Usage: node --import tsx bench/bare-webhook-sender.ts <bodies.json> <url> <concurrency> <min-seconds>
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

const [file, url, concurrencyArg, secondsArg] = process.argv.slice(2);
const bodies = JSON.parse(readFileSync(file!, 'utf8')) as { body: string; signature: string }[];
const entriesOf = bodies.map((b) => (JSON.parse(b.body) as { entry: unknown[] }).entry.length);
const concurrency = Number(concurrencyArg);
const minMs = Number(secondsArg) * 1000;
const agent = new Agent({ keepAliveTimeout: 30_000, connections: concurrency });

let next = 0;
let posts = 0;
let entries = 0;
let failures = 0;
const started = performance.now();

/** Posts the bodies in order, round after round, until the time is up and a round is complete. */
async function worker(): Promise<void> {
  for (;;) {
    if (next >= bodies.length) {
      if (performance.now() - started >= minMs) return;
      next = 0;
    }
    const i = next++;
    const { body, signature } = bodies[i]!;
    const response = await request(url!, {
      dispatcher: agent,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body,
    });
    await response.body.text();
    if (response.statusCode === 200) {
      posts++;
      entries += entriesOf[i]!;
    } else failures++;
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const ms = performance.now() - started;
await agent.close();
process.stdout.write(`${JSON.stringify({ posts, entries, failures, ms })}\n`);
