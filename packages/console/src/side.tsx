/** The side panels: webhook deliveries with their attempts, the clock, the world, and a message's JSON. */
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Delivery, WorldView } from '@parley/sandbox';
import { AppLogins } from './login-panel.tsx';
import { sandbox } from './api.ts';
import { deliverySummary } from './delivery-summary.ts';
import { RateLimits, SeedLoader } from './world-controls.tsx';

type DeliveryView = z.output<typeof Delivery>;
type World = z.output<typeof WorldView>;

/** An attempt's POST as sent: its headers (the signature among them) and its exact body. */
function SentRequest({ attemptId, onError }: { attemptId: string; onError: (e: unknown) => void }) {
  const [shown, setShown] = useState<string>();
  const show = () =>
    void sandbox.sentRequest(attemptId).then(
      (r) =>
        setShown(
          `POST ${r.callback_url}\n${Object.entries(r.headers)
            .map(([name, value]) => `${name}: ${value}`)
            .join('\n')}\n\n${r.body}`,
        ),
      onError,
    );
  return shown ? <pre data-testid="sent-request">{shown}</pre> : <button onClick={show}>Request</button>;
}

export function Webhooks(props: { deliveries: DeliveryView[]; onError: (e: unknown) => void }) {
  if (props.deliveries.length === 0) {
    return (
      <p class="meta">
        No webhook deliveries yet: subscribe an app (POST /{'{app-id}'}/subscriptions, or parley start
        --webhook-url).
      </p>
    );
  }
  return (
    <ul class="deliveries" data-testid="deliveries">
      {props.deliveries.map((d) => (
        <li key={d.id} class={`delivery ${d.status}`} data-testid="delivery">
          <div class="row">
            <strong>{d.field}</strong> <span class={`status ${d.status}`}>{d.status}</span>
            <button onClick={() => void sandbox.replay(d.id).catch(props.onError)}>Replay</button>
          </div>
          <div class="meta">
            {d.object} · account {d.account_id} · {new Date(d.event_time).toLocaleTimeString()}
          </div>
          <div class="summary" data-testid="delivery-summary">
            {deliverySummary(d.entry)}
          </div>
          {d.last_error && <div class="error">{d.last_error}</div>}
          <details>
            <summary>
              event and {d.attempts.length} attempt{d.attempts.length === 1 ? '' : 's'}
            </summary>
            <pre>{JSON.stringify(d.entry, null, 2)}</pre>
            {d.attempts.map((a) => (
              <div key={a.id} class="meta">
                {new Date(a.attempted_at).toLocaleTimeString()} → {a.callback_url}: {a.status_code ?? a.error}{' '}
                in {a.latency_ms} ms{a.fault ? ` (${a.fault})` : ''}{' '}
                <SentRequest attemptId={a.id} onError={props.onError} />
              </div>
            ))}
          </details>
        </li>
      ))}
    </ul>
  );
}

const PRESETS: [string, number][] = [
  ['+1 h', 3600],
  ['+25 h', 25 * 3600],
  ['+8 days', 8 * 86400],
  ['+31 days', 31 * 86400],
];

export type ClockMove = Parameters<typeof sandbox.moveClock>[0];

export function Clock(props: {
  now: number | undefined;
  frozen: boolean;
  onMove: (body: ClockMove) => void;
}) {
  const move = props.onMove;
  return (
    <div class="clock" data-testid="clock">
      <span data-testid="now">{props.now ? new Date(props.now).toLocaleString() : '…'}</span>
      {PRESETS.map(([label, seconds]) => (
        <button onClick={() => move({ advance_seconds: seconds })}>{label}</button>
      ))}
      <input
        type="datetime-local"
        title="Set the clock to a moment"
        data-testid="clock-moment"
        onChange={(e) => {
          const value = (e.target as HTMLInputElement).value;
          if (value) move({ set: new Date(value).getTime() });
        }}
      />
      <button onClick={() => move({ freeze: !props.frozen })}>{props.frozen ? 'Unfreeze' : 'Freeze'}</button>
    </div>
  );
}

function Copy({ value }: { value: string }) {
  return (
    <span class="copy">
      <code>{value}</code> <button onClick={() => void navigator.clipboard?.writeText(value)}>Copy</button>
    </span>
  );
}

export function WorldPanel(props: { world: World | undefined; onError: (e: unknown) => void }) {
  const { world } = props;
  if (!world) return null;
  return (
    <div class="world" data-testid="world">
      {world.apps.map((app) => (
        <div class="card">
          <strong>{app.name}</strong>
          <div>
            id <Copy value={app.id} />
          </div>
          <div>
            secret <Copy value={app.secret} />
          </div>
          {app.tokens.map((t) => (
            <div>
              {t.kind} ({t.account_id}) <Copy value={t.access_token} />
            </div>
          ))}
          <AppLogins app={app} people={world.people} onError={props.onError} />
        </div>
      ))}
      <h3>People</h3>
      <ul>
        {world.people.map((p) => (
          <li>
            {p.name ?? p.username}{' '}
            <span class="meta">
              @{p.username} · {Object.values(p.scoped_ids).join(', ')}
            </span>
          </li>
        ))}
      </ul>
      <h3>Rate limits</h3>
      <RateLimits onError={props.onError} />
      <SeedLoader onError={props.onError} />
      <button onClick={() => void sandbox.reset('demo').catch(props.onError)}>Reset to the demo world</button>
    </div>
  );
}
