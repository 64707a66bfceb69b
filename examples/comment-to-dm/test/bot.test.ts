import { createParley, DEFAULT_WEBHOOK_FIELDS } from '@parley/server';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { answerTo, PRIVATE_REPLY, PUBLIC_REPLY, startBot } from '../src/bot.ts';

// The whole setup: Parley in memory with the demo world, the bot pointed at it, the bot subscribed to
// comments (Instagram) and the feed (the Page) beside the messaging fields.
const parley = await createParley();
const bot = await startBot({
  graphUrl: parley.url,
  appSecret: parley.app.secret,
  verifyToken: 'parley-verify-token',
  pageToken: parley.tokens.page,
  instagramToken: parley.tokens.instagram,
});
await parley.webhooks.subscribe({ url: bot.url, fields: [...DEFAULT_WEBHOOK_FIELDS, 'comments', 'feed'] });
beforeEach(() => parley.reset());
afterAll(() => Promise.all([parley.close(), bot.close()]));

/** A comment as the sandbox lists it, with its replies and the private reply it got. */
async function commentOn(mediaId: string, commentId: string) {
  const { data } = await parley.sandbox.postComments(mediaId);
  return data.find((c) => c.id === commentId)!;
}

describe('the comment-to-DM bot', () => {
  it('answers "price?" under the demo post privately and publicly, then carries on in the DMs', async () => {
    const { jun } = parley.people;
    const comment = await jun.comments(parley.posts.roast, 'price?');
    // The private reply opens jun's thread with the shop…
    expect((await jun.waitForReply()).text).toBe(PRIVATE_REPLY);
    // …and jun answers it there.
    await jun.says('large please');
    expect((await jun.waitForReply()).text).toBe(answerTo('large please'));

    const answered = await commentOn(parley.posts.roast, comment.id);
    expect(answered.private_reply).toEqual({
      message_id: expect.any(String),
      conversation_id: expect.any(String),
    });
    expect(answered.replies.map((r) => [r.username, r.text])).toEqual([['parley.coffee', PUBLIC_REPLY]]);
  });

  it('answers a comment on a Page post from the feed webhook', async () => {
    const { alex } = parley.people;
    const post = await parley.publish('page', { caption: 'New mugs are in' });
    const comment = await alex.comments(post.id, 'How much are they?');
    expect((await alex.waitForReply()).text).toBe(PRIVATE_REPLY);
    await alex.says('small one');
    expect((await alex.waitForReply()).text).toBe(answerTo('small one'));
    const answered = await commentOn(post.id, comment.id);
    expect(answered.private_reply).not.toBeNull();
    expect(answered.replies.map((r) => r.text)).toEqual([PUBLIC_REPLY]);
  });

  it('leaves a comment without a keyword alone', async () => {
    const { sora, mina } = parley.people;
    const quiet = await sora.comments(parley.posts.reel, 'lovely roaster');
    await parley.webhooks.waitFor((d) => d.change?.value.id === quiet.id);
    // A later comment with a keyword is answered: the bot had read the first one by then.
    await mina.comments(parley.posts.reel, 'what does it cost?');
    expect((await mina.waitForReply()).text).toBe(PRIVATE_REPLY);
    const untouched = await commentOn(parley.posts.reel, quiet.id);
    expect(untouched.private_reply).toBeNull();
    expect(untouched.replies).toEqual([]);
  });

  it('knows its own public reply when the webhook brings it back', async () => {
    const { jun } = parley.people;
    const comment = await jun.comments(parley.posts.reel, 'price for beans?');
    await jun.waitForReply();
    // The public reply names a keyword ("price"), and comes back as a `comments` webhook from the shop.
    await parley.webhooks.waitFor(
      (d) => d.change?.value.text === PUBLIC_REPLY && d.change.value.parent_id === comment.id,
    );
    // One more round in the DMs: anything the bot did with its own reply would have happened by now.
    await jun.says('large please');
    await jun.waitForReply();
    const answered = await commentOn(parley.posts.reel, comment.id);
    expect(answered.replies).toHaveLength(1);
    expect(answered.replies[0]!.private_reply).toBeNull();
  });
});
