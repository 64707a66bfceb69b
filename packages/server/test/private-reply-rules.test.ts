/**
 * The rules of private replies, each refusal with Meta's envelope and nothing stored after it: an Instagram
 * comment answers 2534025 whatever the reason; a Page's comment or visitor post 10900 when answered already,
 * 10903 otherwise. Also what a reply may carry, and two replies racing for one comment (the limits are in
 * rate-limits.test.ts).
 */
import { expect, it } from 'vitest';
import { createBusiness, type HttpResult, type SandboxClient } from './support/clients.ts';
import { useTestServer } from './support/server.ts';
import { describeEachStore } from './support/stores.ts';

const DAY = 24 * 3600;

type Biz = Awaited<ReturnType<typeof createBusiness>>;

describeEachStore('Private reply rules', (kind) => {
  const server = useTestServer(kind);
  const sandbox = (): SandboxClient => server().sandbox;

  async function world() {
    const biz = await createBusiness(sandbox());
    const person = await sandbox().user();
    const igPost = await sandbox().do('POST', `/accounts/${biz.ig.id}/media`, { caption: 'Autumn blend' });
    const pagePost = await sandbox().do('POST', `/accounts/${biz.page.id}/media`, { caption: 'Cupping' });
    const comment = (mediaId: string, text = 'price?', by = person) =>
      sandbox().do('POST', `/users/${by.id}/comments`, { media_id: mediaId, text });
    return { biz, person, igPost, pagePost, comment };
  }

  const reply = (biz: Biz, via: 'instagram' | 'page', recipient: object, message: object = { text: 'hi' }) =>
    server().graph.post(
      `/v23.0/${via === 'instagram' ? 'me' : biz.page.id}/messages`,
      { recipient, message },
      { token: via === 'instagram' ? biz.igToken : biz.pageToken },
    );

  const INSTAGRAM_REFUSAL = {
    message: '(#100) The comment is invalid for a private reply',
    code: 100,
    error_subcode: 2534025,
  };
  const NOT_ALLOWED = { message: "(#10903) This user can't reply to this activity", code: 10903 };

  /** The refusal's envelope, and that the person got no message from the business. */
  async function refused(result: HttpResult, expected: object, biz: Biz, scopedId: string) {
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ ...expected, fbtrace_id: expect.any(String) });
    for (const token of [biz.igToken, biz.pageToken]) {
      for (const platform of ['instagram', 'messenger']) {
        const listed = await server().graph.get(
          '/v23.0/me/conversations',
          { user_id: scopedId, platform },
          { token },
        );
        expect(listed.body.data ?? []).toEqual([]);
      }
    }
  }

  it('refuses what is not the business to answer: unknown, deleted, its own, another account’s, a mention', async () => {
    const { biz, person, igPost, pagePost, comment } = await world();
    const asked = await comment(igPost.id);
    const ig = (recipient: object) => reply(biz, 'instagram', recipient);
    const page = (recipient: object) => reply(biz, 'page', recipient);

    const unknown = await ig({ comment_id: '17800000000000999' });
    expect(unknown.body.error).toMatchObject({ ...INSTAGRAM_REFUSAL, type: 'IGApiException' });
    expect((await page({ comment_id: '999_999' })).body.error).toMatchObject({
      ...NOT_ALLOWED,
      type: 'OAuthException',
    });
    expect((await page({ post_id: '999' })).body.error).toMatchObject(NOT_ALLOWED);
    // A Page comment is not the Instagram account's to answer, nor an Instagram post a Page's post_id.
    const onPage = await comment(pagePost.id);
    await refused(await ig({ comment_id: onPage.id }), INSTAGRAM_REFUSAL, biz, asked.sender_id);
    await refused(await page({ post_id: igPost.id }), NOT_ALLOWED, biz, asked.sender_id);

    // The business's own comments and posts.
    const own = await sandbox().do('POST', `/accounts/${biz.ig.id}/comments`, {
      media_id: igPost.id,
      text: 'Hi',
    });
    await refused(await ig({ comment_id: own.id }), INSTAGRAM_REFUSAL, biz, asked.sender_id);
    const pageOwn = await sandbox().do('POST', `/accounts/${biz.page.id}/comments`, {
      media_id: pagePost.id,
      text: 'Welcome',
    });
    await refused(await page({ comment_id: pageOwn.id }), NOT_ALLOWED, biz, onPage.sender_id);
    await refused(await page({ post_id: pagePost.id }), NOT_ALLOWED, biz, onPage.sender_id);

    // Another business's comment, and a comment on a person's own media that mentions the account.
    const other = await createBusiness(sandbox());
    const otherPost = await sandbox().do('POST', `/accounts/${other.ig.id}/media`, {});
    await refused(
      await ig({ comment_id: (await comment(otherPost.id)).id }),
      INSTAGRAM_REFUSAL,
      biz,
      asked.sender_id,
    );
    const theirs = await sandbox().do('POST', `/users/${person.id}/media`, {
      caption: `@${biz.ig.username} ☕`,
    });
    const onTheirs = await comment(theirs.id, 'so good');
    await refused(await ig({ comment_id: onTheirs.id }), INSTAGRAM_REFUSAL, biz, asked.sender_id);

    // A deleted comment.
    await sandbox().do('DELETE', `/comments/${asked.id}`);
    await refused(await ig({ comment_id: asked.id }), INSTAGRAM_REFUSAL, biz, asked.sender_id);
    await sandbox().do('DELETE', `/comments/${onPage.id}`);
    await refused(await page({ comment_id: onPage.id }), NOT_ALLOWED, biz, onPage.sender_id);
  });

  it('takes a reply within 7 days of the comment, and on a live broadcast only while it runs', async () => {
    const { biz, igPost, pagePost, comment } = await world();
    const old = await comment(igPost.id);
    const oldOnPage = await comment(pagePost.id);
    const live = await sandbox().do('POST', `/accounts/${biz.ig.id}/media`, { media_product_type: 'LIVE' });
    const viewer = await sandbox().user();
    const onLive = await comment(live.id, 'price?', viewer);
    const onLiveToo = await comment(live.id, 'and shipping?', viewer);
    expect((await reply(biz, 'instagram', { comment_id: onLive.id })).status).toBe(200);
    await sandbox().do('PATCH', `/media/${live.id}`, { end_live: true });
    const ended = await reply(biz, 'instagram', { comment_id: onLiveToo.id });
    expect(ended.body.error).toMatchObject(INSTAGRAM_REFUSAL);

    await sandbox().advanceClock(7 * DAY - 60);
    const fresh = await comment(igPost.id, 'still there?', viewer);
    await sandbox().advanceClock(61);
    await refused(
      await reply(biz, 'instagram', { comment_id: old.id }),
      INSTAGRAM_REFUSAL,
      biz,
      old.sender_id,
    );
    await refused(
      await reply(biz, 'page', { comment_id: oldOnPage.id }),
      NOT_ALLOWED,
      biz,
      oldOnPage.sender_id,
    );
    expect((await reply(biz, 'instagram', { comment_id: fresh.id })).status).toBe(200);
  });

  it('takes text, quick replies and templates on Instagram, but no media; sender actions name people only', async () => {
    const { biz, igPost, pagePost, comment } = await world();
    const asked = await comment(igPost.id);
    const image = { attachment: { type: 'image', payload: { url: 'https://example.com/menu.png' } } };
    for (const message of [image, { attachment: { type: 'like_heart' } }]) {
      await refused(
        await reply(biz, 'instagram', { comment_id: asked.id }, message),
        { code: 100, error_subcode: 2534015, message: '(#100) Invalid message data' },
        biz,
        asked.sender_id,
      );
    }
    const action = (via: 'instagram' | 'page', commentId: string) =>
      server().graph.post(
        `/v23.0/me/messages`,
        { recipient: { comment_id: commentId }, sender_action: 'typing_on' },
        { token: via === 'instagram' ? biz.igToken : biz.pageToken },
      );
    await refused(await action('instagram', asked.id), INSTAGRAM_REFUSAL, biz, asked.sender_id);
    const onPage = await comment(pagePost.id);
    await refused(await action('page', onPage.id), NOT_ALLOWED, biz, onPage.sender_id);

    const template = {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'button',
          text: 'Which size?',
          buttons: [{ type: 'postback', title: 'Large', payload: 'LARGE' }],
        },
      },
    };
    expect((await reply(biz, 'instagram', { comment_id: asked.id }, template)).status).toBe(200);
  });

  it('answers a hidden comment too, and refuses a person who blocked the account', async () => {
    const { biz, person, igPost, pagePost, comment } = await world();
    const hidden = await comment(igPost.id, 'spam? no, price!');
    await sandbox().do('PATCH', `/comments/${hidden.id}`, { hidden: true });
    expect((await reply(biz, 'instagram', { comment_id: hidden.id })).status).toBe(200);
    const onPage = await comment(pagePost.id);
    await sandbox().do('POST', `/users/${person.id}/blocks`, { account_id: biz.page.id });
    const blocked = await reply(biz, 'page', { comment_id: onPage.id });
    expect(blocked.body.error).toMatchObject({ code: 551, error_subcode: 1545041 });
  });

  it('lets one of two replies racing for a comment through', async () => {
    const { biz, igPost, pagePost, comment } = await world();
    for (const [via, media, error] of [
      ['instagram', igPost.id, 2534025],
      ['page', pagePost.id, 10900],
    ] as const) {
      const asked = await comment(media);
      const results = await Promise.all(
        [1, 2, 3].map((n) => reply(biz, via, { comment_id: asked.id }, { text: `#${n}` })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400]);
      for (const r of results.filter((r) => r.status === 400))
        expect(r.body.error.error_subcode ?? r.body.error.code).toBe(error);
      const comments = await sandbox().do('GET', `/media/${media}/comments`);
      const thread = comments.data.find((c: any) => c.id === asked.id).private_reply;
      expect((await sandbox().do('GET', `/conversations/${thread.conversation_id}`)).message_count).toBe(1);
    }
  });
});
