/** For the webhook delivery tests: a receiver on a frozen clock, and the deliveries the sandbox records. */
import { afterEach, beforeEach } from 'vitest';
import { createBusiness, type SandboxClient } from './clients.ts';
import type { TestServer } from './server.ts';
import { installApp, startReceiver, subscribeApp, type Receiver } from './webhook-receiver.ts';

export const FIELDS = ['messages', 'messaging_postbacks', 'message_reactions', 'messaging_seen'];

export interface Delivery {
  id: string;
  status: string;
  field: string;
  last_error: string | null;
  entry: { id: string; messaging: any[] };
  attempts: {
    status_code: number | null;
    error: string | null;
    response_snippet: string | null;
    fault: string | null;
    latency_ms: number;
    attempted_at: number;
  }[];
}

/** Polls the sandbox until the app's deliveries satisfy `done`. */
export async function deliveriesOf(
  sandbox: SandboxClient,
  appId: string,
  done: (deliveries: Delivery[]) => boolean,
  timeoutMs = 10_000,
): Promise<Delivery[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { data } = await sandbox.do<{ data: Delivery[] }>(
      'GET',
      `/webhooks/deliveries?app_id=${appId}&limit=500`,
    );
    if (done(data)) return data.reverse();
    if (Date.now() > deadline) throw new Error(`deliveries never matched: ${JSON.stringify(data, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const attempted = (n: number) => (ds: Delivery[]) =>
  ds.length > 0 && ds.every((d) => d.attempts.length >= n);

export async function subscribedBusiness(server: TestServer, receiver: Receiver) {
  const business = await createBusiness(server.sandbox);
  await subscribeApp(server.graph, business.app, receiver, 'instagram', FIELDS);
  await installApp(server.graph, business.igToken, FIELDS);
  return business;
}

/** Before each test, a new receiver (handed to `started`) and the sandbox clock frozen; after it, both undone. */
export function useReceiverOnFrozenClock(server: () => TestServer, started: (receiver: Receiver) => void) {
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver();
    started(receiver);
    await server().sandbox.do('POST', '/clock', { freeze: true });
  });
  afterEach(async () => {
    await server().sandbox.do('POST', '/clock', { freeze: false });
    await receiver.close();
  });
}
