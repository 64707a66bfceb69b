/**
 * Welcome message flows over HTTP, as Meta's pages send them: made (`{flow_id}`), listed, changed and deleted on
 * a Page for Messenger and Instagram, and on Instagram Login for Instagram only; each app sees its own; messages
 * are checked as the Send API checks them.
 */
import { beforeAll, expect, it } from 'vitest';
import { createBusiness } from './support/clients.ts';
import { answer, graphError } from './support/messenger-profile.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

type Business = Awaited<ReturnType<typeof createBusiness>>;

const FLOW = [
  {
    message: {
      text: 'This is a welcome message authored in a 3P tool',
      quick_replies: [
        { content_type: 'text', title: 'Quick reply 1', payload: 'Payload 1' },
        { content_type: 'text', title: 'Quick reply 2', payload: 'Payload 2' },
      ],
    },
  },
];

describeEachStore('Welcome message flows', (kind) => {
  const server = useTestServer(kind);
  let biz: Business;
  beforeAll(async () => {
    biz = await createBusiness(server().sandbox);
  });
  const path = '/v23.0/me/welcome_message_flows';
  /** Meta's samples send a form, every value JSON. */
  const form = (body: Record<string, unknown>, token = biz.pageToken) =>
    server().graph.post(path, body, { token, form: true });
  const list = (params: Record<string, string> = {}, token = biz.pageToken) =>
    server().graph.get(path, params, { token });

  it("makes, lists, changes and deletes a Page's flows, as Meta's curl samples send them", async () => {
    const made = await form({
      welcome_message_flow: FLOW,
      eligible_platforms: ['messenger'],
      name: '"Driver sign up"',
    });
    expect(made.body).toEqual({ flow_id: expect.stringMatching(/^\d{15}$/) });
    const id = made.body.flow_id as string;
    const listed = await list();
    expect(listed.body).toEqual({
      data: [
        {
          id,
          name: 'Driver sign up',
          welcome_message_flow: JSON.stringify(FLOW),
          eligible_platforms: ['messenger'],
          last_update_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/),
          is_used_in_ad: false,
        },
      ],
    });

    const changed = await form({
      flow_id: `"${id}"`,
      eligible_platforms: ['messenger', 'instagram'],
      name: 'Updated',
    });
    expect(changed.body).toEqual({ success: true });
    expect((await list({ flow_id: id, fields: 'name,eligible_platforms' })).body).toEqual({
      data: [{ id, name: 'Updated', eligible_platforms: ['messenger', 'instagram'] }],
    });

    // Another app's flows are its own.
    const other = await server().sandbox.createApp();
    const otherToken = (await server().sandbox.token(other.id, biz.page.id)).access_token as string;
    expect((await list({}, otherToken)).body).toEqual({ data: [] });
    expect(answer(await form({ flow_id: id, name: 'Mine' }, otherToken))).toEqual(
      graphError(`(#100) Param flow_id names no flow of this app: ${id}`),
    );

    const deleted = await server().graph.post(
      path,
      { method: 'delete', flow_id: id },
      { token: biz.pageToken },
    );
    expect(deleted.body).toEqual({ success: true });
    expect((await list()).body).toEqual({ data: [] });
  });

  it('makes Instagram-only flows on Instagram Login', async () => {
    const made = await form(
      { welcome_message_flow: FLOW, eligible_platforms: ['instagram'], name: 'IG' },
      biz.igToken,
    );
    expect(made.body).toEqual({ flow_id: expect.any(String) });
    expect((await list({ fields: 'name' }, biz.igToken)).body).toEqual({
      data: [{ id: made.body.flow_id, name: 'IG' }],
    });
    expect(
      answer(
        await form({ welcome_message_flow: FLOW, eligible_platforms: ['messenger'], name: 'x' }, biz.igToken),
      ),
    ).toMatchObject({
      body: {
        error: {
          message: '(#100) Param eligible_platforms[0] must be one of {INSTAGRAM} - got "messenger"',
          type: 'IGApiException',
        },
      },
    });
  });

  it('refuses a flow without its parameters, a message the platforms cannot send, or a change of nothing', async () => {
    expect(answer(await form({ welcome_message_flow: FLOW, eligible_platforms: ['messenger'] }))).toEqual(
      graphError('(#100) The parameter name is required'),
    );
    expect(answer(await form({ name: 'x', eligible_platforms: ['messenger'] }))).toEqual(
      graphError('(#100) The parameter welcome_message_flow is required'),
    );
    expect(answer(await form({ name: 'x', welcome_message_flow: FLOW }))).toEqual(
      graphError('(#100) The parameter eligible_platforms is required'),
    );
    expect(
      answer(
        await form({ name: 'x', welcome_message_flow: [{ message: {} }], eligible_platforms: ['messenger'] }),
      ),
    ).toMatchObject({ body: { error: { code: 100, error_subcode: 2018034 } } });
    expect(
      answer(
        await form({ name: 'x', welcome_message_flow: [{ text: 'Hi' }], eligible_platforms: ['messenger'] }),
      ),
    ).toEqual(graphError('(#100) Invalid keys "text" were found in param "welcome_message_flow[0]".'));
    const page = await server().sandbox.page();
    const unlinked = (await server().sandbox.token(biz.app.id, page.id)).access_token as string;
    expect(
      answer(
        await form({ name: 'x', welcome_message_flow: FLOW, eligible_platforms: ['instagram'] }, unlinked),
      ),
    ).toMatchObject({ body: { error: { code: 100, error_subcode: 2534013 } } });
    const made = await form({ name: 'x', welcome_message_flow: FLOW, eligible_platforms: ['messenger'] });
    expect(answer(await form({ flow_id: made.body.flow_id }))).toEqual(
      graphError('(#100) Requires one of the params: name,welcome_message_flow,eligible_platforms'),
    );
    const deleted = await server().graph.post(path, { method: 'delete' }, { token: biz.pageToken });
    expect(answer(deleted)).toEqual(graphError('(#100) The parameter flow_id is required'));
  });
});
