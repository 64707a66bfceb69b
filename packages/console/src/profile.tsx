/**
 * An account's Messenger profile as the person meets it: the welcome screen before their first message (the
 * greeting, and the Get Started button or the ice breakers) and the persistent menu beside the composer.
 * Tapping one is the person's act.
 */
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { ProfileView } from '@parley/sandbox';
import { sandbox } from './api.ts';

export type Profile = z.output<typeof ProfileView>;
type Welcome = NonNullable<Profile['welcome']>;
type Menu = NonNullable<Profile['menu']>;

/** What the person (or, without one, someone new) sees of the account's profile, read again on each change. */
export function useProfile(
  accountId: string,
  userId: string | undefined,
  version: number,
  onError: (e: unknown) => void,
): Profile | undefined {
  const [profile, setProfile] = useState<Profile>();
  useEffect(() => {
    let current = true;
    sandbox
      .profileView(accountId, userId ? { user_id: userId } : {})
      .then((p) => current && setProfile(p), onError);
    return () => {
      current = false;
    };
  }, [accountId, userId, version]);
  return profile;
}

/** The welcome screen's taps: Get Started, or an ice breaker by its question. */
export type WelcomeTap = { kind: 'get_started' } | { kind: 'ice_breaker'; question: string };

export function WelcomeScreen(props: { welcome: Welcome; onTap: (tap: WelcomeTap) => void }) {
  const { welcome, onTap } = props;
  return (
    <div class="welcome" data-testid="welcome">
      {welcome.greeting !== undefined && <p class="greeting">{welcome.greeting}</p>}
      {welcome.get_started && (
        <button type="button" class="get-started" onClick={() => onTap({ kind: 'get_started' })}>
          Get Started
        </button>
      )}
      {welcome.ice_breakers && (
        <div class="ice-breakers">
          {welcome.ice_breakers.map((q) => (
            <button
              type="button"
              class="quick-reply"
              onClick={() => onTap({ kind: 'ice_breaker', question: q.question })}
            >
              {q.question}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** The ☰ beside the composer: postback items are the person's taps, URL items open their page. */
export function PersistentMenu(props: { menu: Menu; onTap: (title: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <div class="persistent-menu" data-testid="persistent-menu">
      <button type="button" title="Open the persistent menu" onClick={() => setOpen(!open)}>
        ☰
      </button>
      {open && (
        <div class="menu-items">
          {props.menu.call_to_actions.map((item) =>
            item.type === 'web_url' ? (
              <a class="template-button" href={item.url} target="_blank" rel="noreferrer">
                {item.title}
              </a>
            ) : (
              <button
                type="button"
                class="template-button"
                onClick={() => {
                  setOpen(false);
                  props.onTap(item.title);
                }}
              >
                {item.title}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
