/**
 * The Personas API over HTTP: a Page makes, lists, reads and deletes its personas; a message sent with a
 * `persona_id` is stored under it and its echo names it; every refusal answers Meta's envelope and stores nothing.
 */
import { beforeAll, expect, it } from 'vitest';
import { personWritingTo, useHeardPage, type Person } from './support/conversation.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const refusal = (message: string, code = 100, extra: Record<string, unknown> = {}) => ({
  error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: expect.any(String) },
});

describeEachStore('Personas', (kind) => {
  const server = useTestServer(kind);
  const world = useHeardPage(server, ['messages', 'message_echoes']);
  const token = () => world.biz.pageToken;
  let person: Person;
  beforeAll(async () => {
    person = await personWritingTo(server().sandbox, world.biz.page.id, 'Can I talk to someone?');
  });

  const create = (body: Record<string, unknown>, with_ = token()) =>
    server().graph.post('/v23.0/me/personas', body, { token: with_ });
  const list = async () => (await server().graph.get('/v23.0/me/personas', {}, { token: token() })).body;
  const send = (body: Record<string, unknown>) =>
    server().graph.post(
      '/v23.0/me/messages',
      { recipient: { id: person.scopedId }, ...body },
      { token: token() },
    );

  it('makes, lists, reads and deletes personas', async () => {
    const adam = await create({ name: 'Adam Z.', profile_picture_url: 'https://example.com/adam.jpg' });
    expect(adam.status).toBe(200);
    expect(adam.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    const david = await create({ name: 'David Mark', profile_picture_url: 'https://example.com/david.jpg' });
    const id = adam.body.id as string;

    expect((await server().graph.get(`/v23.0/${id}`, {}, { token: token() })).body).toEqual({
      name: 'Adam Z.',
      profile_picture_url: 'https://example.com/adam.jpg',
      id,
    });
    expect((await server().graph.get(`/v23.0/${id}`, { fields: 'name' }, { token: token() })).body).toEqual({
      name: 'Adam Z.',
      id,
    });
    const listed = await list();
    expect(listed.data).toEqual([
      { name: 'David Mark', profile_picture_url: 'https://example.com/david.jpg', id: david.body.id },
      { name: 'Adam Z.', profile_picture_url: 'https://example.com/adam.jpg', id },
    ]);
    expect(listed.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });

    const removed = await server().graph.delete(`/v23.0/${id}`, {}, { token: token() });
    expect(removed.body).toEqual({ success: true });
    const gone = await server().graph.get(`/v23.0/${id}`, {}, { token: token() });
    expect(gone.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await list()).data.map((p: { id: string }) => p.id)).toEqual([david.body.id]);
  });

  it('sends a message under a persona, and its echo names it', async () => {
    const persona = (await create({ name: 'Kim', profile_picture_url: 'https://example.com/kim.png' })).body
      .id;
    const typing = await send({ sender_action: 'typing_on', persona_id: persona });
    expect(typing.body).toEqual({ recipient_id: person.scopedId });
    const sent = await send({ message: { text: 'Kim here, how can I help?' }, persona_id: persona });
    expect(sent.status).toBe(200);
    const echo = await world.receiver.until(() =>
      world.receiver.items().find((i) => i.message?.mid === sent.body.message_id),
    );
    const bytes =
      `"message":{"mid":"${sent.body.message_id}","is_echo":true,"app_id":${world.biz.app.id},` +
      `"persona_id":"${persona}","text":"Kim here, how can I help?"}}`;
    expect(
      world.receiver.posts.some((p) => p.raw.toString('utf8').includes(bytes)),
      JSON.stringify(echo),
    ).toBe(true);
  });

  it('refuses what Meta refuses, and stores nothing', async () => {
    const personas = async () => (await list()).data.length;
    const messages = async () =>
      (await server().sandbox.do('GET', `/conversations/${person.conversationId}`)).message_count;
    const before = { personas: await personas(), messages: await messages() };
    const cases: [() => Promise<{ status: number; body: unknown }>, unknown][] = [
      [
        () => create({ profile_picture_url: 'https://example.com/a.jpg' }),
        refusal('(#100) The parameter name is required'),
      ],
      [() => create({ name: 'Ann' }), refusal('(#100) The parameter profile_picture_url is required')],
      [
        () => create({ name: 'x'.repeat(51), profile_picture_url: 'https://example.com/a.jpg' }),
        refusal('(#100) Length of param name must be less than or equal to 50'),
      ],
      [
        () => create({ name: 'Ann', profile_picture_url: 'not a url' }),
        refusal('(#100) profile_picture_url should represent a valid URL'),
      ],
      [
        () => send({ message: { text: 'Hi' }, persona_id: 'adam' }),
        refusal('(#100) Param persona_id must be a valid ID string (e.g., "123")'),
      ],
      [
        () => send({ message: { text: 'Hi' }, persona_id: '123456789' }),
        refusal('(#100) Param persona_id must be a persona of this Page'),
      ],
      [
        () => send({ sender_action: 'typing_on', persona_id: '123456789' }),
        refusal('(#100) Param persona_id must be a persona of this Page'),
      ],
    ];
    for (const [call, body] of cases) {
      const res = await call();
      expect({ status: res.status, body: res.body }).toEqual({ status: 400, body });
    }
    expect({ personas: await personas(), messages: await messages() }).toEqual(before);
  });

  it("keeps a Page's personas to its own token", async () => {
    const persona = (await create({ name: 'Lee', profile_picture_url: 'https://example.com/lee.png' })).body
      .id;
    const other = await server().sandbox.page();
    const otherToken = (await server().sandbox.token(world.biz.app.id, other.id)).access_token;
    const read = await server().graph.get(`/v23.0/${persona}`, {}, { token: otherToken });
    expect(read.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    const removed = await server().graph.delete(`/v23.0/${persona}`, {}, { token: otherToken });
    expect(removed.body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await server().graph.get(`/v23.0/${persona}`, {}, { token: token() })).body.name).toBe('Lee');
    const onInstagram = await create(
      { name: 'Lee', profile_picture_url: 'https://example.com/lee.png' },
      world.biz.igToken,
    );
    expect(onInstagram.body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});
