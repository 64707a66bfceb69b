/** The world's controls: Meta's rate limits (on or off, each one tightened or loosened) and loading a seed. */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Limits as LimitsView } from '@parley/sandbox';
import { adminToken, sandbox } from './api.ts';

type Limits = z.output<typeof LimitsView>;

export function RateLimits(props: { onError: (e: unknown) => void }) {
  const [limits, setLimits] = useState<Limits>();
  const read = () => void sandbox.limits().then(setLimits, props.onError);
  useEffect(read, []);
  if (!limits) return null;
  const change = (body: Parameters<typeof sandbox.setLimits>[0]) =>
    void sandbox.setLimits(body).then(setLimits, props.onError);
  return (
    <div class="card" data-testid="limits">
      <label>
        <input
          type="checkbox"
          checked={limits.enabled}
          onChange={(e) => change({ enabled: (e.target as HTMLInputElement).checked })}
        />{' '}
        Meta's rate limits
      </label>
      {Object.entries(limits.limits).map(([name, rule]) => (
        <div class="meta limit">
          {name}:{' '}
          <input
            type="number"
            min="1"
            value={rule.limit ?? ''}
            placeholder="off"
            onChange={(e) => {
              const value = (e.target as HTMLInputElement).value;
              change({ limits: { [name]: { limit: value === '' ? null : Number(value) } } });
            }}
          />{' '}
          per {rule.window_seconds} s
        </div>
      ))}
    </div>
  );
}

/** A seed document (JSON or YAML) added to the world, as `POST /_parley/seed` takes it. */
export function SeedLoader(props: { onError: (e: unknown) => void }) {
  const [text, setText] = useState('');
  const [loaded, setLoaded] = useState<string>();
  const load = async () => {
    const token = adminToken();
    const response = await fetch('/_parley/seed', {
      method: 'POST',
      headers: {
        'content-type': text.trim().startsWith('{') ? 'application/json' : 'application/yaml',
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: text,
    });
    const answer = (await response.json()) as { error?: { message: string }; users?: object };
    if (!response.ok) throw new Error(answer.error?.message ?? `HTTP ${response.status}`);
    setLoaded(`Loaded: ${Object.keys(answer.users ?? {}).length} people`);
    setText('');
  };
  return (
    <div class="card" data-testid="seed">
      <strong>Load a seed</strong> <span class="meta">(JSON or YAML; docs/sandbox-api.md#seeds)</span>
      <textarea rows={5} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <button onClick={() => void load().catch(props.onError)}>Load</button>{' '}
      {loaded && <span class="meta">{loaded}</span>}
    </div>
  );
}
