/** A business and a person who has just written to it: the starting point of every Send API test. */
import { createBusiness, type SandboxClient } from './clients.ts';

export type Business = Awaited<ReturnType<typeof createBusiness>>;

export async function personWritingTo(sandbox: SandboxClient, accountId: string, text = 'Hi there!') {
  const person = await sandbox.user({ name: 'Rosa Diaz' });
  const sent = await sandbox.send(person.id, accountId, text);
  return {
    person,
    scopedId: sent.sender_id as string,
    conversationId: sent.conversation_id as string,
    firstMessageId: sent.message_id as string,
  };
}
