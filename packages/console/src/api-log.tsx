/** The recent Graph calls made to Parley: what a bot sent, what Meta would have answered, and its usage. */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { ApiCall } from '@parley/sandbox';
import { sandbox } from './api.ts';

type Call = z.output<typeof ApiCall>;

/** Reads update no commit, so the log is read again every second while it is shown. */
const EVERY_MS = 1000;

const pretty = (text: string) => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

export function ApiLogPanel(props: { onError: (e: unknown) => void }) {
  const [calls, setCalls] = useState<Call[]>([]);
  useEffect(() => {
    const read = () => void sandbox.apiLog({ limit: 100 }).then((page) => setCalls(page.data), props.onError);
    read();
    const timer = setInterval(read, EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  if (calls.length === 0) return <p class="meta">No Graph API calls yet.</p>;
  return (
    <ul class="deliveries" data-testid="api-log">
      {calls.map((call) => (
        <li
          key={call.id}
          class={`delivery ${call.status < 400 ? 'delivered' : 'failed'}`}
          data-testid="api-call"
        >
          <details>
            <summary>
              <strong>{call.method}</strong> {call.path}{' '}
              <span class={`status ${call.status < 400 ? 'delivered' : 'failed'}`}>{call.status}</span>{' '}
              <span class="meta">
                {call.token ?? 'no token'} · {call.ms} ms · {new Date(call.at).toLocaleTimeString()}
              </span>
            </summary>
            {Object.keys(call.params).length > 0 && <pre>{JSON.stringify(call.params, null, 2)}</pre>}
            <pre>{pretty(call.answer)}</pre>
            {call.usage && (
              <div class="meta">
                {Object.entries(call.usage)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </div>
            )}
          </details>
        </li>
      ))}
    </ul>
  );
}
