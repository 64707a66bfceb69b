/**
 * The sandbox's list of deliveries filtered by what their events mention: a message's id finds the event that
 * carried it and those about it (its echo, a reaction, a read), however many other deliveries came after.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { subscribedBusiness, type Delivery } from './support/deliveries.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';
import { startReceiver, type Receiver } from './support/webhook-receiver.ts';

describeEachStore('Webhook deliveries', (kind) => {
  const server = useTestServer(kind);
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(() => receiver.close());
  const sandbox = () => server().sandbox;

  const mentioning = async (id: string, more = '') =>
    (await sandbox().do<{ data: Delivery[] }>('GET', `/webhooks/deliveries?mentions=${id}${more}`)).data;

  it('lists the deliveries whose events mention an id, newest first', async () => {
    const business = await subscribedBusiness(server(), receiver);
    const person = await sandbox().user();
    const hello = await sandbox().send(person.id, business.ig.id, 'hello');
    const reply = await server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: hello.sender_id }, message: { text: 'hi' } },
      { token: business.igToken },
    );
    const mid: string = reply.body.message_id;
    await sandbox().do('POST', `/users/${person.id}/reactions`, { message_id: mid });
    await sandbox().do('POST', `/users/${person.id}/seen`, { message_id: mid });
    // Later deliveries that mention neither message.
    for (let i = 0; i < 60; i++) await sandbox().send(person.id, business.ig.id, `later ${i}`);

    const ofHello = await mentioning(hello.message_id);
    expect(ofHello.map((d) => d.entry.messaging[0].message.text)).toEqual(['hello']);
    const ofReply = await mentioning(mid);
    expect(ofReply.map((d) => Object.keys(d.entry.messaging[0]).at(-1))).toEqual([
      'read',
      'reaction',
      'message',
    ]);
    expect(ofReply[2]!.entry.messaging[0].message).toMatchObject({ mid, is_echo: true });
    // A whole id only: one it starts with is another id.
    expect(await mentioning(mid.slice(0, -1))).toEqual([]);
    // With the other filters, and paged.
    expect((await mentioning(mid, '&limit=2')).length).toBe(2);
    const [newest] = await mentioning(mid, '&limit=1');
    expect((await mentioning(mid, `&before=${newest!.id}`)).map((d) => d.id)).toEqual(
      ofReply.slice(1).map((d) => d.id),
    );
    expect(await mentioning(mid, '&status=failed')).toEqual([]);
  });

  it("refuses a mentions that is no id with the sandbox's error envelope", async () => {
    for (const bad of ['', 'a%20b', '%22', 'x'.repeat(501)]) {
      const res = await sandbox().raw('GET', `/webhooks/deliveries?mentions=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.message, bad).toContain('mentions');
      expect(res.body.error).toMatchObject({ type: expect.any(String), code: expect.any(Number) });
    }
  });
});
