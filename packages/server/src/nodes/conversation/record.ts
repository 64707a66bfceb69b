/** A conversation as nodes see it: the stored row, its business account and platform. */
import type { AccountRow, Platform } from '../../store/schema.ts';
import type { ConversationView } from '../../store/store.ts';

export interface ConversationRecord {
  readonly view: ConversationView;
  /** The business side: the Instagram account or the Page. */
  readonly account: AccountRow;
  readonly platform: Platform;
}
