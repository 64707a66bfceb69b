/**
 * Webhooks as the rest of the server sees them: queue events in a transaction, verify a callback URL,
 * and run the delivery worker for the life of the server.
 */
import { randomInt } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { GraphError } from '@parley/protocol';
import type { Clock } from '../clock.ts';
import type { ParleyConfig } from '../config.ts';
import type { Logger } from '../core/logger.ts';
import type { Watch } from '../core/watch.ts';
import type { Store } from '../store/store.ts';
import type { TargetPolicy } from '../outbound/targets.ts';
import { CallbackClient, succeeded } from './callback-client.ts';
import { DeliveryWorker } from './delivery-worker.ts';
import { WebhookEntryCache } from './entry-cache.ts';
import type { WebhookEvent, WebhookQueue } from '../core/webhook-queue.ts';
import { WebhookOutbox } from './outbox.ts';
import { SentRequests } from './sent-requests.ts';

export class Webhooks implements WebhookQueue {
  private readonly client: CallbackClient;
  private readonly worker: DeliveryWorker;
  private readonly outbox: WebhookOutbox;
  private readonly entries = new WebhookEntryCache();
  /** The POSTs as sent, kept while someone watches. */
  readonly sent: SentRequests;

  constructor(
    store: Store,
    clock: Clock,
    private readonly config: ParleyConfig,
    targets: TargetPolicy,
    logger: Logger,
    watch: Watch,
  ) {
    this.client = new CallbackClient(targets);
    this.sent = new SentRequests(watch);
    this.worker = new DeliveryWorker(store, clock, config, this.client, this.entries, logger, this.sent);
    this.outbox = new WebhookOutbox(this.entries, () => this.worker.wake());
  }

  /** Queues events in the caller's transaction; they are delivered once it commits. */
  emit(tx: Store, events: readonly (WebhookEvent | undefined)[]): Promise<void> {
    return this.outbox.emit(tx, events);
  }

  /** Due deliveries may have changed (the clock moved, a delivery was replayed): look now. */
  wake(): void {
    this.worker.wake();
  }

  /** The world was reset: the events' bytes kept from it must never be sent for the new world's. */
  forgetWorld(): void {
    this.entries.clear();
    this.sent.clear();
  }

  start(): Promise<void> {
    return this.worker.start();
  }

  async stop(): Promise<void> {
    await this.worker.stop();
    await this.client.close();
  }

  /**
   * The verification request Meta makes when a subscription is saved (spec §10.1): the callback must answer
   * 200 with the challenge. Anything else refuses the subscription with 2200. Meta quotes what the callback
   * answered instead; an exposed Parley does not, so that no caller reads an internal page through it.
   */
  async verifyCallback(callbackUrl: string, verifyToken: string): Promise<void> {
    const challenge = String(randomInt(1, 2 ** 31 - 1));
    const url = new URL(callbackUrl);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.verify_token', verifyToken);
    const outcome = await this.client.get(url.toString(), this.config.webhookTimeoutMs);
    let detail: string | undefined;
    if (outcome.status === undefined) detail = `Could not reach the callback URL: ${outcome.error}`;
    else if (!succeeded(outcome)) {
      detail = `HTTP Status Code = ${outcome.status}; HTTP Message = ${STATUS_CODES[outcome.status] ?? ''}`;
    } else if (outcome.snippet.trim() !== challenge) {
      const received = this.config.exposed ? '(not shown)' : outcome.snippet.slice(0, 100);
      detail = `Response does not match challenge, expected value="${challenge}", received="${received}"`;
    }
    if (detail !== undefined) throw new GraphError('callbackVerificationFailed', { detail });
  }
}
