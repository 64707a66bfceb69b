/**
 * Who controls a conversation under conversation routing (an app, or the account's inbox), and what the
 * business's inbox may do with it, as Meta Business Suite's inbox would: take it, ask the primary receiver for
 * it, pass it back ("Move to done") or let it go.
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { ThreadControlView } from '@parley/sandbox';
import { sandbox } from './api.ts';

type Control = z.output<typeof ThreadControlView>;

const LABELS: Record<Control['inbox_may'][number], (c: Control) => string> = {
  take: (c) => `Take control as the ${c.inbox.name}`,
  request: (c) => `Ask ${c.primary_receiver?.name ?? 'the primary receiver'} for control`,
  pass: (c) => `Move to done: pass to ${c.primary_receiver?.name ?? 'the primary receiver'}`,
  release: () => 'Release',
};

export function ThreadControl(props: {
  conversationId: string;
  version: number;
  onError: (error: unknown) => void;
}) {
  const { conversationId, version, onError } = props;
  const [control, setControl] = useState<Control>();
  useEffect(() => {
    sandbox.threadControl(conversationId).then(setControl, onError);
  }, [conversationId, version]);
  if (!control?.routed) return null;
  const act = (action: Control['inbox_may'][number]) =>
    void sandbox.inboxThreadControl(conversationId, { action }).then(setControl, onError);
  const held = control.owner?.id === control.inbox.id;
  return (
    <div class="thread-control" data-testid="thread-control">
      <span class={`owner ${held ? 'inbox' : 'app'}`} data-testid="thread-owner">
        Controlled by {control.owner?.name}
        {control.expires_at !== null && ` until ${new Date(control.expires_at).toLocaleString()}`}
      </span>
      {control.inbox_may
        // The inbox passes back to the primary receiver only when another one is there to take it.
        .filter((action) => action !== 'pass' || control.primary_receiver?.id !== control.inbox.id)
        .map((action) => (
          <button type="button" onClick={() => act(action)} data-testid={`inbox-${action}`}>
            {LABELS[action](control)}
          </button>
        ))}
    </div>
  );
}
