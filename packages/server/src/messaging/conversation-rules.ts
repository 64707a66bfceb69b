/** The platform's rules about conversations: platforms, folders, the 30-day Requests rule, read state. */
import type { ParleyConfig } from '../config.ts';
import type { AccountRow, ConversationRow, Folder, Platform } from '../store/schema.ts';

export function platformOf(account: Pick<AccountRow, 'type'>): Platform {
  return account.type === 'instagram' ? 'instagram' : 'messenger';
}

export const MESSENGER_FOLDERS = ['inbox', 'other', 'page_done', 'spam'] as const satisfies readonly Folder[];
export const INSTAGRAM_FOLDERS = ['primary', 'general', 'requests'] as const satisfies readonly Folder[];

export function foldersOf(platform: Platform): readonly Folder[] {
  return platform === 'instagram' ? INSTAGRAM_FOLDERS : MESSENGER_FOLDERS;
}

/** Where a new conversation lands: Instagram followers in Primary, others in Requests; Messenger in the inbox. */
export function initialFolder(platform: Platform, personFollowsAccount: boolean): Folder {
  if (platform === 'messenger') return 'inbox';
  return personFollowsAccount ? 'primary' : 'requests';
}

/**
 * Where the person sees a conversation: a business may write first only with a private reply, which reaches
 * an Instagram user in Requests unless they follow the account; their answer accepts it. (Messenger shows
 * a Page's private replies in the inbox.)
 */
export function personFolder(
  platform: Platform,
  personFollowsAccount: boolean,
  conversation: Pick<ConversationRow, 'last_person_activity_at'>,
): 'inbox' | 'requests' {
  const waiting = platform === 'instagram' && conversation.last_person_activity_at === null;
  return waiting && !personFollowsAccount ? 'requests' : 'inbox';
}

/** Instagram moves a conversation to General when the business first replies through the API. */
export function folderAfterBusinessReply(platform: Platform): Folder | undefined {
  return platform === 'instagram' ? 'general' : undefined;
}

/** Requests-folder conversations idle for 30 days are not returned in API calls. */
export function requestsIdleBefore(now: number, config: ParleyConfig): number {
  return now - config.requestsHiddenAfterMs;
}

export function isHiddenRequest(
  conversation: Pick<ConversationRow, 'folder' | 'updated_at'>,
  now: number,
  config: ParleyConfig,
): boolean {
  return conversation.folder === 'requests' && conversation.updated_at < requestsIdleBefore(now, config);
}
