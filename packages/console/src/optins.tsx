/**
 * What the person opted in to with this business, and the acts that change it: opting in to a topic of its
 * marketing messages, stopping and resuming them, and ticking its checkbox plugin (Pages).
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import { NOTIFICATION_FREQUENCIES, type PersonOptins } from '@parley/sandbox';
import { sandbox } from './api.ts';

type Frequency = (typeof NOTIFICATION_FREQUENCIES)[number];

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function Optins(props: {
  personId: string;
  accountId: string;
  /** The checkbox plugin is a Page's. */
  page: boolean;
  /** Read again when it changes (the world changed). */
  version: number;
  onError: (error: unknown) => void;
}) {
  const { personId, accountId, page, version, onError } = props;
  const [view, setView] = useState<z.output<typeof PersonOptins>>();
  const [topic, setTopic] = useState('');
  const [frequency, setFrequency] = useState<Frequency>('DAILY');
  useEffect(() => {
    sandbox.optins(personId).then(setView, onError);
  }, [personId, version]);
  // Each act commits, and the change it announces reads the opt-ins again (through `version`).
  const act = (work: Promise<unknown>) => void work.catch(onError);
  const optIn = (e: Event) => {
    e.preventDefault();
    act(
      sandbox.optin(personId, {
        to: accountId,
        type: 'notification_messages',
        ...(topic.trim() && { title: topic.trim() }),
        frequency,
      }),
    );
    setTopic('');
  };
  const marketing = view?.notification_messages.filter((o) => o.account_id === accountId) ?? [];
  const userRefs = view?.user_refs.filter((o) => o.account_id === accountId) ?? [];
  return (
    <div class="optins" data-testid="optins">
      <form onSubmit={optIn}>
        <input
          placeholder="Marketing topic"
          value={topic}
          onInput={(e) => setTopic((e.target as HTMLInputElement).value)}
          data-testid="optin-topic"
        />
        <select
          value={frequency}
          onChange={(e) => setFrequency((e.target as HTMLSelectElement).value as Frequency)}
        >
          {NOTIFICATION_FREQUENCIES.map((f) => (
            <option value={f}>{f}</option>
          ))}
        </select>
        <button type="submit">Opt in to marketing</button>
        {page && (
          <button type="button" onClick={() => act(sandbox.checkboxOptin(personId, { to: accountId }))}>
            Tick checkbox plugin
          </button>
        )}
      </form>
      {marketing.map((o) => (
        <div class={`optin ${o.status}`} data-testid="optin">
          <span>
            {o.title || 'Marketing messages'} · {o.frequency.toLowerCase()} · {o.status} · until{' '}
            {day(o.token_expiry_timestamp)}
          </span>
          <code title="notification_messages_token">{o.notification_messages_token}</code>
          {o.status !== 'expired' && (
            <button
              onClick={() =>
                act(
                  o.status === 'stopped'
                    ? sandbox.resumeNotifications(personId, o.notification_messages_token)
                    : sandbox.stopNotifications(personId, o.notification_messages_token),
                )
              }
            >
              {o.status === 'stopped' ? 'Resume' : 'Stop'}
            </button>
          )}
        </div>
      ))}
      {userRefs.map((o) => (
        <div class="optin" data-testid="user-ref">
          <span>
            Checkbox plugin ·{' '}
            {o.message_id === null ? 'not messaged yet' : o.answered_at === null ? 'messaged' : 'answered'}
          </span>
          <code title="user_ref">{o.user_ref}</code>
        </div>
      ))}
    </div>
  );
}
