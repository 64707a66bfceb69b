/** Each app's webhook subscriptions (verified once saved), where it is installed, and the fault switches. */
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Subscriptions as SubscriptionsView } from '@parley/sandbox';
import { sandbox } from './api.ts';

type View = z.output<typeof SubscriptionsView>;
type Subscription = View['data'][number];

function Faults({ subscription: s, onError }: { subscription: Subscription; onError: (e: unknown) => void }) {
  const faults = s.faults as Record<string, number | boolean | undefined>;
  const [duplicate, setDuplicate] = useState(String(faults.duplicate_percent ?? 0));
  const [delay, setDelay] = useState(String(faults.delay_ms ?? 0));
  const [drop, setDrop] = useState(String(faults.drop_percent ?? 0));
  const [reorder, setReorder] = useState(Boolean(faults.reorder));
  const apply = () =>
    void sandbox
      .setFaults({
        app_id: s.app_id,
        object: s.object,
        duplicate_percent: Number(duplicate),
        delay_ms: Number(delay),
        drop_percent: Number(drop),
        reorder,
      })
      .catch(onError);
  const clear = () => void sandbox.clearFaults({ app_id: s.app_id, object: s.object }).catch(onError);
  const value = (set: (v: string) => void) => (e: Event) => set((e.target as HTMLInputElement).value);
  return (
    <div class="faults" data-testid="faults">
      <label>
        duplicate % <input type="number" min="0" max="100" value={duplicate} onInput={value(setDuplicate)} />
      </label>
      <label>
        delay ms <input type="number" min="0" value={delay} onInput={value(setDelay)} />
      </label>
      <label>
        drop % <input type="number" min="0" max="100" value={drop} onInput={value(setDrop)} />
      </label>
      <label>
        <input
          type="checkbox"
          checked={reorder}
          onChange={(e) => setReorder((e.target as HTMLInputElement).checked)}
        />{' '}
        reorder
      </label>
      <button onClick={apply}>Apply faults</button>
      <button onClick={clear}>Clear</button>
    </div>
  );
}

export function Subscriptions(props: { view: View | undefined; onError: (e: unknown) => void }) {
  const { view, onError } = props;
  if (!view || view.data.length === 0) {
    return (
      <p class="meta">
        No app subscribes to webhooks: POST /{'{app-id}'}/subscriptions, or parley start --webhook-url.
      </p>
    );
  }
  return (
    <div class="subscriptions" data-testid="subscriptions">
      {view.data.map((s) => (
        <details key={`${s.app_id}:${s.object}`} class="card">
          <summary>
            <strong>{s.object}</strong> → {s.callback_url} <span class="status delivered">verified</span>
          </summary>
          <div class="meta">
            app {s.app_id} · {s.fields.join(', ')}
          </div>
          {view.installs
            .filter((i) => i.app_id === s.app_id)
            .map((i) => (
              <div class="meta">
                installed on {i.account_id}:{' '}
                {i.disabled_at
                  ? `disabled ${new Date(i.disabled_at).toLocaleString()} after an hour of failures`
                  : i.failing_since
                    ? `failing since ${new Date(i.failing_since).toLocaleString()}`
                    : 'active'}
              </div>
            ))}
          <Faults subscription={s} onError={onError} />
        </details>
      ))}
    </div>
  );
}
