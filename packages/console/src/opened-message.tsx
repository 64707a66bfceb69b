/**
 * A message opened: the JSON `GET /{message-id}` answers, the webhook deliveries it caused, and, when none
 * did, why no bot heard of it.
 */
import type { z } from 'zod';
import type { Delivery, Subscriptions } from '@parley/sandbox';
import { whyUnheard } from './why-unheard.ts';

type DeliveryView = z.output<typeof Delivery>;
type SubscriptionsView = z.output<typeof Subscriptions>;

/** Whether a delivery's event is about this message (sent, echoed, reacted to, read, edited…). */
function mentions(delivery: DeliveryView, messageId: string): boolean {
  return JSON.stringify(delivery.entry).includes(`"${messageId}"`);
}

export function OpenedMessage(props: {
  messageId: string;
  json: unknown;
  deliveries: DeliveryView[];
  subscriptions: SubscriptionsView | undefined;
  object: 'instagram' | 'page';
  accountId: string;
  onClose: () => void;
}) {
  const caused = props.deliveries.filter((d) => mentions(d, props.messageId));
  return (
    <div class="opened">
      <div class="row">
        <strong>GET /{'{message-id}'}</strong> <button onClick={props.onClose}>Close</button>
      </div>
      <pre data-testid="message-json">{JSON.stringify(props.json, null, 2)}</pre>
      <strong>Webhooks it caused</strong>
      {caused.length > 0 ? (
        caused.map((d) => (
          <div class="meta" data-testid="caused">
            {d.field} · {d.status} · {new Date(d.event_time).toLocaleTimeString()}
          </div>
        ))
      ) : (
        <div class="meta" data-testid="unheard">
          {whyUnheard(props.subscriptions, props.object, props.accountId, 'messages')}
        </div>
      )}
    </div>
  );
}
