/**
 * The sandbox's posts and comments over HTTP: what the business publishes, what people comment, reply,
 * mention and delete, the lists the console reads, and each refusal (a 400 or 404 naming the field), after
 * which nothing is stored.
 */
import { expect, it } from 'vitest';
import { createBusiness, uniqueName } from './support/clients.ts';
import { DEMO } from './support/demo-world.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

describeEachStore('Sandbox posts and comments', (kind) => {
  const server = useTestServer(kind);

  async function world() {
    const { sandbox } = server();
    const business = await createBusiness(sandbox);
    const mina = await sandbox.user({ username: uniqueName('mina').slice(0, 30), name: 'Mina' });
    return { sandbox, business, mina };
  }

  /** A refused call: its status and message. */
  async function refused(method: string, path: string, body?: unknown) {
    const result = await server().sandbox.raw(method, path, body);
    expect(result.body.error).toMatchObject({ type: 'ParleySandboxException', code: 100 });
    return [result.status, result.body.error.message as string] as const;
  }

  it('publishes posts, reels, stories and live broadcasts, and Page posts', async () => {
    const { sandbox, business } = await world();
    const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, { caption: 'Autumn blend' });
    expect(post).toEqual({
      id: expect.stringMatching(/^179\d{14}$/),
      account_id: business.ig.id,
      media_type: 'IMAGE',
      media_product_type: 'FEED',
      media_url: expect.stringMatching(/^https:\/\//),
      permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\/[\w-]{11}\/$/),
      caption: 'Autumn blend',
      comments_enabled: true,
      comments_count: 0,
      live_ended_at: null,
      user_id: null,
      timestamp: expect.any(Number),
      private_reply: null,
    });
    // `media_type: REELS` (as before) is a reel: a video published as REELS.
    const reel = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, { media_type: 'REELS' });
    expect(reel).toMatchObject({ media_type: 'VIDEO', media_product_type: 'REELS' });
    expect(reel.permalink).toMatch(/\/reel\//);
    const story = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {
      media_product_type: 'STORY',
      comments_enabled: false,
    });
    expect(story).toMatchObject({
      media_type: 'IMAGE',
      media_product_type: 'STORY',
      comments_enabled: false,
    });
    const pagePost = await sandbox.do('POST', `/accounts/${business.page.id}/media`, { media_type: 'VIDEO' });
    expect(pagePost).toMatchObject({ media_type: 'VIDEO', media_product_type: 'FEED' });
    expect(pagePost.id).toMatch(new RegExp(`^${business.page.id}_\\d{16}$`));
    expect(pagePost.permalink).toBe(
      `https://www.facebook.com/${business.page.id}/posts/${pagePost.id.split('_')[1]}/`,
    );
    expect(await sandbox.do('GET', `/media/${pagePost.id}`)).toEqual(pagePost);

    expect(
      await refused('POST', `/accounts/${business.page.id}/media`, { media_product_type: 'REELS' }),
    ).toEqual([400, 'media_product_type: a Page post is FEED']);
    expect(
      await refused('POST', `/accounts/${business.ig.id}/media`, {
        media_type: 'IMAGE',
        media_product_type: 'LIVE',
      }),
    ).toEqual([400, 'media_type: a live broadcast is a VIDEO']);
    expect(await refused('PATCH', `/media/${post.id}`, { end_live: true })).toEqual([
      400,
      'end_live: this media is not a live broadcast',
    ]);
    expect(await refused('PATCH', `/media/${post.id}`, {})).toEqual([
      400,
      'give comments_enabled or end_live',
    ]);
    expect((await sandbox.do('GET', `/accounts/${business.page.id}/media`)).data).toHaveLength(1);
  });

  it('lists an account’s posts newest first, a page at a time, with comment counts', async () => {
    const { sandbox, business, mina } = await world();
    const made = [];
    for (let i = 0; i < 3; i++) {
      made.push(await sandbox.do('POST', `/accounts/${business.ig.id}/media`, { caption: `#${i}` }));
      await sandbox.advanceClock(60);
    }
    const first = await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: made[2].id, text: 'a' });
    await sandbox.do('POST', `/users/${mina.id}/comments`, {
      media_id: made[2].id,
      text: 'b',
      parent_id: first.id,
    });
    const page1 = await sandbox.do('GET', `/accounts/${business.ig.id}/media?limit=2`);
    expect(page1.data.map((p: any) => [p.caption, p.comments_count])).toEqual([
      ['#2', 2],
      ['#1', 0],
    ]);
    const page2 = await sandbox.do(
      'GET',
      `/accounts/${business.ig.id}/media?limit=2&after=${page1.paging.next}`,
    );
    expect(page2.data.map((p: any) => p.caption)).toEqual(['#0']);
    expect(page2.paging).toBeUndefined();
  });

  it('comments, replies, deletes and hides, and lists a post’s comments with their replies', async () => {
    const { sandbox, business, mina } = await world();
    const sora = await sandbox.user({ username: uniqueName('sora').slice(0, 30) });
    const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {});
    const a = await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: post.id, text: 'first' });
    expect(a).toEqual({
      id: expect.stringMatching(/^178\d{14}$/),
      media_id: post.id,
      account_id: business.ig.id,
      user_id: mina.id,
      sender_id: expect.stringMatching(/^\d+$/),
      text: 'first',
      timestamp: expect.any(Number),
      parent_id: null,
    });
    const b = await sandbox.do('POST', `/users/${sora.id}/comments`, { media_id: post.id, text: 'second' });
    const reply = await sandbox.do('POST', `/accounts/${business.ig.id}/comments`, {
      media_id: post.id,
      text: 'thanks!',
      parent_id: a.id,
    });
    expect(reply).toMatchObject({
      parent_id: a.id,
      user_id: null,
      username: business.ig.username,
      hidden: false,
    });
    const hidden = await sandbox.do('PATCH', `/comments/${b.id}`, { hidden: true });
    expect(hidden).toMatchObject({ id: b.id, hidden: true, username: sora.username });

    const listed = await sandbox.do('GET', `/media/${post.id}/comments`);
    expect(listed.data.map((c: any) => [c.id, c.hidden, c.replies.map((r: any) => r.id)])).toEqual([
      [b.id, true, []],
      [a.id, false, [reply.id]],
    ]);
    const page = await sandbox.do('GET', `/media/${post.id}/comments?limit=1`);
    const rest = await sandbox.do('GET', `/media/${post.id}/comments?limit=1&after=${page.paging.next}`);
    expect([page.data[0].id, rest.data[0].id, rest.paging]).toEqual([b.id, a.id, undefined]);

    // A top-level comment's replies go with it.
    expect(await sandbox.do('DELETE', `/comments/${a.id}`)).toEqual({ success: true });
    expect((await sandbox.do('GET', `/media/${post.id}/comments`)).data.map((c: any) => c.id)).toEqual([
      b.id,
    ]);
    expect((await sandbox.do('GET', `/media/${post.id}`)).comments_count).toBe(1);
    expect(await refused('DELETE', `/comments/${a.id}`)).toEqual([404, `id: No comment with id ${a.id}`]);
    expect(await refused('DELETE', `/comments/${reply.id}`)).toEqual([
      404,
      `id: No comment with id ${reply.id}`,
    ]);
  });

  it('says which comments got a private reply, and the conversation it opened', async () => {
    const { sandbox, business, mina } = await world();
    const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {});
    const asked = await sandbox.do('POST', `/users/${mina.id}/comments`, {
      media_id: post.id,
      text: 'price?',
    });
    const other = await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: post.id, text: 'hi' });
    const sent = await server().graph.post(
      '/v23.0/me/messages',
      { recipient: { comment_id: asked.id }, message: { text: '12€, see your DMs' } },
      { token: business.igToken },
    );
    const inbox = await sandbox.do('GET', `/accounts/${business.ig.id}/conversations`);
    expect(inbox.data.map((c: any) => c.person.id)).toEqual([mina.id]);
    const listed = await sandbox.do('GET', `/media/${post.id}/comments`);
    expect(listed.data.map((c: any) => [c.id, c.private_reply])).toEqual([
      [other.id, null],
      [asked.id, { message_id: sent.body.message_id, conversation_id: inbox.data[0].id }],
    ]);
  });

  it('refuses what the rules refuse, naming the field, and stores nothing', async () => {
    const { sandbox, business, mina } = await world();
    const post = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {});
    const off = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, { comments_enabled: false });
    const story = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {
      media_product_type: 'STORY',
    });
    const live = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {
      media_product_type: 'LIVE',
    });
    const comment = await sandbox.do('POST', `/users/${mina.id}/comments`, { media_id: post.id, text: 'hi' });
    await sandbox.do('PATCH', `/comments/${comment.id}`, { hidden: true });
    const other = await sandbox.do('POST', `/accounts/${business.ig.id}/media`, {});
    const comments = `/users/${mina.id}/comments`;
    const cases: [unknown, number, string][] = [
      [{ media_id: '17900000000000000', text: 'x' }, 404, 'media_id: No post with id 17900000000000000'],
      [{ media_id: 'nope', text: 'x' }, 404, 'media_id: No post with id nope'],
      [{ media_id: off.id, text: 'x' }, 400, 'media_id: Comments are turned off for this media'],
      [{ media_id: story.id, text: 'x' }, 400, 'media_id: Stories take replies as messages, not comments'],
      [{ media_id: post.id, text: '   ' }, 400, 'text: A comment needs text'],
      [{ media_id: post.id, text: '#a '.repeat(31) }, 400, 'text: A comment has at most 30 hashtags'],
      [{ media_id: post.id, text: 'x'.repeat(2201) }, 400, 'text: must be at most 2200 characters'],
      [
        { media_id: post.id, text: 'x', parent_id: comment.id },
        400,
        'parent_id: You cannot reply to hidden comments',
      ],
      [
        { media_id: other.id, text: 'x', parent_id: comment.id },
        404,
        `parent_id: No comment with id ${comment.id} on this post`,
      ],
      [{ media_id: post.id }, 400, 'text: is required'],
    ];
    for (const [body, status, message] of cases) {
      expect(await refused('POST', comments, body)).toEqual([status, message]);
    }
    expect(
      await refused('POST', `/accounts/${business.ig.id}/comments`, {
        media_id: live.id,
        text: 'hello live',
      }),
    ).toEqual([400, 'media_id: Comments on live video are not supported']);
    expect(
      await refused('POST', `/accounts/${business.page.id}/comments`, {
        media_id: post.id,
        text: 'not mine',
      }),
    ).toEqual([400, 'media_id: An account comments only on its own media']);
    expect(await refused('PATCH', `/comments/${comment.id}`, { text: 'edited' })).toEqual([
      400,
      'id: Only Facebook comments can be edited, by their author',
    ]);
    const mine = await sandbox.do('POST', `/accounts/${business.ig.id}/comments`, {
      media_id: post.id,
      text: 'ours',
    });
    expect(await refused('PATCH', `/comments/${mine.id}`, { hidden: true })).toEqual([
      400,
      "id: The account's own comments cannot be hidden",
    ]);
    expect(
      await refused('POST', `/users/${mina.id}/media`, { caption: 'no one here @nobody_at_all_x' }),
    ).toEqual([400, 'caption: must @mention an Instagram account by its username']);

    for (const media of [post, off, story, live, other]) {
      expect((await sandbox.do('GET', `/media/${media.id}`)).comments_count).toBe(media === post ? 2 : 0);
    }
    // Comments turned back on take comments again.
    await sandbox.do('PATCH', `/media/${off.id}`, { comments_enabled: true });
    await sandbox.do('POST', comments, { media_id: off.id, text: 'now?' });
    expect((await sandbox.do('GET', `/media/${off.id}`)).comments_count).toBe(1);
  });
});

describeEachStore('Seeded posts and comments', (kind) => {
  const server = useTestServer(kind);

  it('seeds posts with comments and replies, as the past: no webhooks', async () => {
    const { sandbox } = server();
    const shop = uniqueName('shop').slice(0, 30);
    const seeded = await sandbox.do('POST', '/seed', {
      accounts: [
        { key: 'shop', type: 'instagram', username: shop },
        { key: 'page', type: 'page', name: 'Shop Page', instagram_account: 'shop' },
      ],
      users: [
        { key: 'ana', username: uniqueName('ana').slice(0, 30), scoped_ids: { shop: '6299999999999991' } },
      ],
      posts: [
        {
          key: 'launch',
          account: 'shop',
          caption: 'Launch day',
          ago: '2d',
          comments_enabled: false,
          comments: [
            {
              user: 'ana',
              text: 'price?',
              ago: '1d',
              replies: [{ text: 'DM sent!' }, { user: 'ana', text: 'thanks', hidden: true }],
            },
          ],
        },
        { key: 'news', account: 'page', comments: [{ user: 'ana', text: 'Great news' }] },
      ],
    });
    expect(Object.keys(seeded.posts)).toEqual(['launch', 'news']);
    const launch = await sandbox.do('GET', `/media/${seeded.posts.launch}`);
    expect(launch).toMatchObject({ caption: 'Launch day', comments_enabled: false, comments_count: 3 });
    const [top] = (await sandbox.do('GET', `/media/${launch.id}/comments`)).data;
    expect(top).toMatchObject({ text: 'price?', user_id: seeded.users.ana });
    expect(top.replies.map((r: any) => [r.text, r.username, r.hidden])).toEqual([
      ['DM sent!', shop, false],
      ['thanks', top.username, true],
    ]);
    expect(seeded.posts.news).toMatch(new RegExp(`^${seeded.accounts.page.id}_\\d+$`));
    expect((await sandbox.do('GET', '/webhooks/deliveries')).data).toEqual([]);
    // The commenter is known to the account by the scoped id the seed gave.
    const comment = await sandbox.do('POST', `/users/${seeded.users.ana}/comments`, {
      media_id: seeded.posts.news,
      text: 'again',
    });
    expect(comment.sender_id).toEqual(expect.stringMatching(/^\d+$/));
  });

  it('refuses a seed whose posts break the rules, naming the path, and stores nothing of it', async () => {
    const { sandbox } = server();
    const account = await sandbox.instagramAccount();
    const seed = (posts: unknown[]) =>
      sandbox.raw('POST', '/seed', { users: [{ key: 'u', username: uniqueName('u').slice(0, 30) }], posts });
    const cases: [unknown[], string][] = [
      [[{ account: account.id, id: 'abc' }], 'Seed: posts[0].id: a post id here is digits'],
      [
        [{ account: account.id, comments: [{ user: 'u', text: ' ' }] }],
        'Seed: posts[0].comments[0].text: A comment needs text',
      ],
      [
        [{ account: account.id, media_product_type: 'STORY', comments: [{ user: 'u', text: 'hi' }] }],
        'Seed: posts[0].comments[0]: Stories take replies as messages, not comments',
      ],
      [[{ account: account.id, comments: [{ user: 'nobody', text: 'hi' }] }], 'No user with id nobody'],
      [
        [{ account: account.id, comments: [{ text: 'hi', replies: [{ user: 'u', text: 'x', id: '1_2' }] }] }],
        'Seed: posts[0].comments[0].replies[0].id: a comment id here is digits',
      ],
    ];
    for (const [posts, message] of cases) {
      const result = await seed(posts);
      expect([result.status, result.body.error.message]).toEqual([
        message.startsWith('No user') ? 404 : 400,
        message,
      ]);
    }
    expect((await sandbox.do('GET', `/accounts/${account.id}/media`)).data).toEqual([]);
  });

  it('has the demo world’s posts', async () => {
    const { sandbox } = server();
    await sandbox.do('POST', '/reset', { seed: 'demo' });
    const posts = await sandbox.do('GET', `/accounts/${DEMO.IG_ID}/media`);
    expect(posts.data.map((p: any) => [p.id, p.media_product_type, p.comments_count])).toEqual([
      [DEMO.REEL_ID, 'REELS', 1],
      [DEMO.POST_ID, 'FEED', 3],
    ]);
    const comments = await sandbox.do('GET', `/media/${DEMO.POST_ID}/comments`);
    expect(comments.data.at(-1)).toMatchObject({
      id: DEMO.COMMENT_ID,
      user_id: DEMO.MINA,
      text: 'price?',
      replies: [{ user_id: null, username: 'parley.coffee' }],
    });
  });
});
