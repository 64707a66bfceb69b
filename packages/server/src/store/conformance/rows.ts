/** What the storage conformance suite's concerns share: the store they test, and the rows they write. */
import { newId } from '../../graph/ids.ts';
import type { AccountRow, NewConversation, NewMessage, PersonRow } from '../schema.ts';
import type { Store } from '../store.ts';

/** What each concern's tests get: the store, and a way to close it and open the same database again. */
export interface StoreSuite {
  readonly store: Store;
  reopen(): Promise<Store>;
}

export const T0 = 1_780_000_000_000;

export function account(
  type: 'instagram' | 'page',
  id = type === 'instagram' ? newId.instagramAccount() : newId.page(),
): AccountRow {
  return {
    id,
    type,
    username: `u${id}`,
    name: `Name ${id}`,
    app_scoped_id: type === 'instagram' ? newId.instagramAppScopedUser() : null,
    instagram_account_id: null,
    category: null,
    profile_picture_url: null,
    biography: null,
    followers_count: 0,
    follows_count: 0,
    media_count: 0,
    messages_access_off_at: null,
    created_at: T0,
  };
}

export function person(username = `p${newId.person()}`): PersonRow {
  return {
    id: newId.person(),
    username,
    name: 'Ünïcødé 사람 😀',
    profile_pic: null,
    follower_count: 0,
    is_verified: 0,
    locale: null,
    timezone: null,
    gender: null,
    created_at: T0,
  };
}

export function conversation(
  accountId: string,
  personId: string,
  updatedAt: number,
  folder: NewConversation['folder'] = 'inbox',
): NewConversation {
  return {
    id: newId.messengerThread(),
    account_id: accountId,
    person_id: personId,
    scoped_id: newId.scopedUser(),
    folder,
    created_at: updatedAt,
    updated_at: updatedAt,
    message_count: 1,
    snippet: 'hi',
    last_person_activity_at: updatedAt,
    business_replied_at: null,
    person_seen_at: null,
    business_read_at: null,
  };
}

/** A message with the next row the store hands out, and an id that carries it. */
export async function message(
  store: Store,
  conversationId: string,
  at: number,
  fromBusiness = false,
  text = `m${at}`,
): Promise<NewMessage> {
  const [seq] = await store.messages.reserveRows(1);
  const conversation = (await store.conversations.get(conversationId))!;
  return {
    seq: seq!,
    id: store.messages.ids.of(seq!, conversation),
    conversation_id: conversationId,
    conversation_seq: conversation.seq,
    from_business: fromBusiness ? 1 : 0,
    created_at: at,
    text,
  };
}

/** A Page and `count` people. */
export async function accountWithPeople(store: Store, count: number) {
  const a = account('page');
  await store.accounts.insert(a);
  const people: PersonRow[] = [];
  for (let i = 0; i < count; i++) {
    const p = person();
    await store.people.insert(p);
    people.push(p);
  }
  return { a, people };
}
