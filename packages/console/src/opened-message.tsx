/**
 * A message opened: the JSON `GET /{message-id}` answers, the webhook deliveries it caused, and, when none
 * did, why no bot heard of it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Delivery, Subscriptions } from '@parley/sandbox';
import { sandbox } from './api.ts';
import { whyUnheard } from './why-unheard.ts';

type DeliveryView = z.output<typeof Delivery>;
type SubscriptionsView = z.output<typeof Subscriptions>;

export function OpenedMessage(props: {
  messageId: string;
  json: unknown;
  subscriptions: SubscriptionsView | undefined;
  object: 'instagram' | 'page';
  accountId: string;
  /** Bumped on each change Parley reports: the deliveries are read again. */
  version: number;
  onError: (error: unknown) => void;
  onClose: () => void;
}) {
  const { messageId, version, onError } = props;
  // The sandbox finds them among all deliveries, not only the latest the Webhooks panel shows.
  const [caused, setCaused] = useState<DeliveryView[]>();
  useEffect(() => {
    let current = true;
    sandbox.deliveries({ mentions: messageId, limit: 50 }).then((d) => {
      if (current) setCaused(d.data);
    }, onError);
    return () => {
      current = false;
    };
  }, [messageId, version]);
  return (
    <div class="opened">
      <div class="row">
        <strong>GET /{'{message-id}'}</strong> <button onClick={props.onClose}>Close</button>
      </div>
      <pre data-testid="message-json">{JSON.stringify(props.json, null, 2)}</pre>
      <strong>Webhooks it caused</strong>
      {caused === undefined ? null : caused.length > 0 ? (
        caused.map((d) => (
          <div key={d.id} class="meta" data-testid="caused">
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
