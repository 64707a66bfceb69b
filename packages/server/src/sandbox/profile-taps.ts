/**
 * People meeting an account's Messenger profile: what they see of it (the welcome screen before their first
 * message, the persistent menu beside the composer), and their taps on it. A tap is a postback, as Meta sends
 * it; a person can tap only what they see.
 */
import { GraphError } from '@parley/protocol';
import { platformOf } from '../messaging/conversation-rules.ts';
import { GET_STARTED_TITLE, profileView, type ProfileView } from '../profile/welcome.ts';
import type { AccountRow, PersonRow } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import type { People, SentByPerson } from './people.ts';
import type { World } from './world.ts';

/** Where the person came from, when a link brought them: the postback's `referral`. */
interface CameBy {
  readonly ref?: string | undefined;
  readonly source?: string | undefined;
  readonly type?: string | undefined;
}

function referralOf(input: CameBy): Record<string, unknown> | undefined {
  if (input.ref === undefined && input.source === undefined && input.type === undefined) return undefined;
  return {
    ...(input.ref !== undefined && { ref: input.ref }),
    ...(input.source !== undefined && { source: input.source }),
    ...(input.type !== undefined && { type: input.type }),
  };
}

const unseen = (detail: string) => new GraphError('sandboxConflict', { detail });

/** The one of `items` the person taps, by its text, or a 409 saying what they see instead (`shown`). */
function tapped<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  wanted: string,
  refusal: (shown: string) => string,
): T {
  const item = items.find((i) => textOf(i) === wanted);
  if (item) return item;
  throw unseen(refusal(items.map((i) => JSON.stringify(textOf(i))).join(', ')));
}

export class ProfileTaps {
  constructor(
    private readonly store: Store,
    private readonly world: World,
    private readonly people: People,
  ) {}

  /** What a person sees of an account's profile; without one, what someone new sees (names not filled in). */
  async view(accountId: string, personId?: string): Promise<ProfileView> {
    const account = await this.world.requireAccount(accountId);
    const person = personId === undefined ? undefined : await this.world.requirePerson(personId);
    return this.viewOf(account, person);
  }

  private async viewOf(account: AccountRow, person: PersonRow | undefined): Promise<ProfileView> {
    const stored = await this.store.messengerProfiles.read(account.id);
    const conversation = person && (await this.store.conversations.getFor(account.id, person.id));
    const firstContact = !conversation || conversation.message_count === 0;
    return profileView(stored, platformOf(account), person, firstContact);
  }

  private async seenBy(personId: string, accountId: string) {
    const person = await this.world.requirePerson(personId);
    const account = await this.world.requireAccount(accountId);
    return { account, view: await this.viewOf(account, person) };
  }

  async getStarted(personId: string, input: { to: string } & CameBy): Promise<SentByPerson> {
    const { account, view } = await this.seenBy(personId, input.to);
    const button = view.welcome?.get_started;
    if (!button) {
      throw unseen(
        `The person sees no Get Started button on ${account.id}: it shows on a Page's welcome screen, before the ` +
          'first message, when the Page has set one and no ice breakers',
      );
    }
    return this.tap(personId, account, GET_STARTED_TITLE, button.payload, input);
  }

  async tapIceBreaker(
    personId: string,
    input: { to: string; question: string } & CameBy,
  ): Promise<SentByPerson> {
    const { account, view } = await this.seenBy(personId, input.to);
    const question = tapped(
      view.welcome?.ice_breakers ?? [],
      (q) => q.question,
      input.question,
      (shown) =>
        shown
          ? `The person sees no ice breaker "${input.question}" on ${account.id}; they see ${shown}`
          : `The person sees no ice breakers on ${account.id}: they show before the first message, once set`,
    );
    return this.tap(personId, account, question.question, question.payload, input);
  }

  /** A postback item sends its postback; a URL item opens its page, and the business hears nothing. */
  async tapMenu(personId: string, input: { to: string; title: string }) {
    const { account, view } = await this.seenBy(personId, input.to);
    const item = tapped(
      view.menu?.call_to_actions ?? [],
      (i) => i.title,
      input.title,
      (shown) =>
        shown
          ? `The person's menu on ${account.id} has no item "${input.title}"; it has ${shown}`
          : `The person sees no persistent menu on ${account.id}`,
    );
    if (item.type === 'web_url') return { type: 'web_url' as const, url: item.url };
    return { type: 'postback' as const, ...(await this.tap(personId, account, item.title, item.payload)) };
  }

  /** A postback, with a `referral` when a link brought the person. */
  private tap(personId: string, account: AccountRow, title: string, payload: string, cameBy: CameBy = {}) {
    const referral = referralOf(cameBy);
    return this.people.postback(personId, { to: account.id, title, payload, ...(referral && { referral }) });
  }
}
