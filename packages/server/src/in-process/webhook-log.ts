/** The webhooks a Parley made, as a test reads them: the sandbox's deliveries, and waiting for one. */
import type { MessagingEvent } from '@parley/protocol';
import type { ResultOf } from '@parley/sandbox';
import type { BotSubscription } from './bot-subscription.ts';

/** One webhook delivery, as `GET /_parley/webhooks/deliveries` shows it. */
export type SandboxDelivery = ResultOf<'deliveries'>['data'][number];

/** A `changes` item: a comment, a mention, a Page's feed (`{field, value}`). */
export interface ChangeEvent {
  readonly field: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/**
 * A delivery with its event at hand: `entry.messaging[0]` (`entry.standby[0]` for a thread another app
 * controls: its `field` is then `standby`), or for comments and mentions `entry.changes[0]` as `change` (its
 * `event` then has neither sender nor message).
 */
export type Delivery = SandboxDelivery & { readonly event: MessagingEvent; readonly change?: ChangeEvent };

export interface WaitOptions {
  /** Milliseconds to wait before failing (default 5000). */
  readonly timeout?: number;
  /** Which deliveries count: `'delivered'` (the default: the callback accepted it) or `'any'`. */
  readonly status?: 'delivered' | 'any';
}

const POLL_MS = 10;

export class WebhookLog {
  constructor(
    private readonly list: () => Promise<SandboxDelivery[]>,
    private readonly subscribeBot: (bot: BotSubscription) => Promise<void>,
  ) {}

  /**
   * Subscribes the world's first app to a bot's endpoint (Meta's handshake included) and installs it on its
   * accounts; again after every reset. For a bot that needs Parley's URL before it can start.
   */
  subscribe(bot: BotSubscription): Promise<void> {
    return this.subscribeBot(bot);
  }

  /** Every delivery of the current world, oldest first. */
  async deliveries(): Promise<Delivery[]> {
    return (await this.list()).map((d) => {
      const changes = d.entry.changes as ChangeEvent[] | undefined;
      if (changes) return { ...d, event: changes[0] as unknown as MessagingEvent, change: changes[0]! };
      const items = (d.entry.messaging ?? d.entry.standby) as MessagingEvent[];
      return { ...d, event: items[0]! };
    });
  }

  /** The first delivery, oldest first, that `predicate` accepts: waits for it until the timeout. */
  async waitFor(predicate: (delivery: Delivery) => boolean, options: WaitOptions = {}): Promise<Delivery> {
    const timeout = options.timeout ?? 5000;
    const deadline = Date.now() + timeout;
    let seen: Delivery[];
    for (;;) {
      seen = await this.deliveries();
      const found = seen.find((d) => (options.status === 'any' || d.status === 'delivered') && predicate(d));
      if (found) return found;
      if (Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const recent = seen
      .slice(-5)
      .map((d) => `  ${d.field} ${d.status}${d.last_error ? ` (${d.last_error})` : ''}`)
      .join('\n');
    throw new Error(
      `No webhook delivery matched within ${timeout} ms. ${seen.length} deliveries in all` +
        (recent ? `; the last ones:\n${recent}` : ': is a callback URL subscribed (the webhooks option)?'),
    );
  }
}
