/**
 * Comment-to-DM, the most common Instagram automation: someone comments "price?" under a post, the bot gets
 * the `comments` webhook, answers the commenter with a private reply (a DM that links the comment), says so
 * in a public reply under the comment (`POST /{comment-id}/replies`), and goes on in the DMs when the person
 * writes back. On a Facebook Page the same starts from a `feed` webhook, and the public reply is
 * `POST /{comment-id}/comments`. Nothing in it knows about Parley: point `graphUrl` at
 * https://graph.facebook.com and `instagramGraphUrl` at https://graph.instagram.com to run it for real.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BotConfig {
  /** Messenger Platform: https://graph.facebook.com. */
  readonly graphUrl: string;
  /** Instagram API with Instagram Login: https://graph.instagram.com (default: graphUrl). */
  readonly instagramGraphUrl?: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  /** The Page access token (Messenger and the Page's posts). */
  readonly pageToken: string;
  /** The Instagram user access token (Instagram Login). */
  readonly instagramToken: string;
  /** Comments that get a DM: any with one of these words (default: price, cost, how much). */
  readonly keywords?: readonly string[];
  readonly port?: number;
}

export interface Bot {
  readonly url: string;
  close(): Promise<void>;
}

/** `entry[].changes[]`: an Instagram `comments` change, or a Page `feed` change. */
interface Change {
  field: string;
  value: {
    id?: string;
    text?: string;
    from?: { id: string };
    // Page feed
    item?: string;
    verb?: string;
    comment_id?: string;
    message?: string;
  };
}

interface MessagingEvent {
  sender: { id: string };
  message?: { text?: string; is_echo?: boolean };
}

interface Entry {
  id: string;
  changes?: Change[];
  messaging?: MessagingEvent[];
}

const DEFAULT_KEYWORDS = ['price', 'cost', 'how much'];

export const PRIVATE_REPLY = 'Hi! Our price list is on its way: which size are you after, small or large?';
/** The public reply names a keyword too: the bot must know its own comment when the webhook brings it back. */
export const PUBLIC_REPLY = 'Check your DMs for the price!';

/** What the bot says in the DMs once the person answers. */
export function answerTo(text: string): string {
  const size = /\b(small|large)\b/i.exec(text)?.[1]?.toLowerCase();
  if (size === 'small') return 'Small is 3.50. Shall I put one aside for you?';
  if (size === 'large') return 'Large is 4.20. Shall I put one aside for you?';
  return 'Thanks! Someone from the team will follow up here.';
}

function signedBy(body: Buffer, header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The comment a change announces, if it is someone else's new comment: its id and text. */
export function newCommentOf(change: Change, accountId: string): { id: string; text: string } | undefined {
  const { value } = change;
  // The business's own replies come back as comments too: never answer those.
  if (value.from?.id === accountId) return undefined;
  if (change.field === 'comments' && value.id && value.text !== undefined)
    return { id: value.id, text: value.text };
  if (change.field === 'feed' && value.item === 'comment' && value.verb === 'add' && value.comment_id)
    return { id: value.comment_id, text: value.message ?? '' };
  return undefined;
}

export async function startBot(config: BotConfig): Promise<Bot> {
  const keywords = (config.keywords ?? DEFAULT_KEYWORDS).map((k) => k.toLowerCase());
  const graph = async (object: string, path: string, body: object) => {
    const instagram = object === 'instagram';
    const base = instagram ? (config.instagramGraphUrl ?? config.graphUrl) : config.graphUrl;
    const response = await fetch(`${base}/v23.0/${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${instagram ? config.instagramToken : config.pageToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) console.error(`POST ${path} failed`, response.status, await response.text());
  };

  const onComment = async (object: string, comment: { id: string; text: string }) => {
    if (!keywords.some((k) => comment.text.toLowerCase().includes(k))) return;
    await graph(object, 'me/messages', {
      recipient: { comment_id: comment.id },
      message: { text: PRIVATE_REPLY },
    });
    const replies = object === 'instagram' ? `${comment.id}/replies` : `${comment.id}/comments`;
    await graph(object, replies, { message: PUBLIC_REPLY });
  };

  const onEntry = (object: string, entry: Entry) => {
    for (const change of entry.changes ?? []) {
      const comment = newCommentOf(change, entry.id);
      if (comment) void onComment(object, comment);
    }
    for (const event of entry.messaging ?? []) {
      const text = event.message?.is_echo ? undefined : event.message?.text;
      if (text !== undefined) {
        void graph(object, 'me/messages', {
          recipient: { id: event.sender.id },
          message: { text: answerTo(text) },
        });
      }
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bot');
    if (req.method === 'GET') {
      const ok =
        url.searchParams.get('hub.mode') === 'subscribe' &&
        url.searchParams.get('hub.verify_token') === config.verifyToken;
      res.writeHead(ok ? 200 : 403).end(ok ? url.searchParams.get('hub.challenge') : 'Forbidden');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!signedBy(body, req.headers['x-hub-signature-256'] as string | undefined, config.appSecret)) {
        res.writeHead(403).end();
        return;
      }
      // Meta wants a quick 200; the answers go out after it.
      res.end('EVENT_RECEIVED');
      const { object, entry } = JSON.parse(body.toString('utf8')) as { object: string; entry: Entry[] };
      for (const e of entry) onEntry(object, e);
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
