/** A message as nodes see it: the stored row, its conversation, and whether its details may be read. */
import type { MessageRow } from '../../store/schema.ts';
import type { ConversationRecord } from '../conversation/record.ts';

export interface MessageRecord {
  readonly row: MessageRow;
  readonly conversation: ConversationRecord;
  /** Only the conversation's newest messages (20 by default) have readable details. */
  readonly detailed: boolean;
}
