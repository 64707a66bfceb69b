/**
 * An echo bot for Instagram and Messenger: it answers Meta's webhook handshake, checks each POST's
 * signature, and answers every text a person sends through the Send API. "menu" gets quick replies; a tapped
 * quick reply or button is answered with its payload. Nothing in it knows about Parley: point `graphUrl`
 * at https://graph.facebook.com and `instagramGraphUrl` at https://graph.instagram.com to run it for real.
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
  /** The Page access token (Messenger). */
  readonly pageToken: string;
  /** The Instagram user access token (Instagram Login). */
  readonly instagramToken: string;
  readonly port?: number;
}

export interface Bot {
  readonly url: string;
  close(): Promise<void>;
}

interface Event {
  sender: { id: string };
  message?: { text?: string; is_echo?: boolean; quick_reply?: { payload: string } };
  postback?: { payload: string };
}

function signedBy(body: Buffer, header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the bot answers to one event, or nothing. */
export function answerTo(event: Event): object | undefined {
  if (event.postback) return { text: `You tapped ${event.postback.payload}` };
  const message = event.message;
  if (!message || message.is_echo) return undefined;
  if (message.quick_reply) return { text: `You picked ${message.quick_reply.payload}` };
  if (message.text?.trim().toLowerCase() === 'menu') {
    return {
      text: 'Coffee or tea?',
      quick_replies: [
        { content_type: 'text', title: 'Coffee', payload: 'COFFEE' },
        { content_type: 'text', title: 'Tea', payload: 'TEA' },
      ],
    };
  }
  if (message.text) return { text: `You said: ${message.text}` };
  return { text: 'Thanks for that!' };
}

export async function startBot(config: BotConfig): Promise<Bot> {
  const send = async (object: string, recipient: string, message: object) => {
    const instagram = object === 'instagram';
    const base = instagram ? (config.instagramGraphUrl ?? config.graphUrl) : config.graphUrl;
    const response = await fetch(`${base}/v23.0/me/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${instagram ? config.instagramToken : config.pageToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ recipient: { id: recipient }, message }),
    });
    if (!response.ok) console.error('send failed', response.status, await response.text());
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
      const { object, entry } = JSON.parse(body.toString('utf8')) as {
        object: string;
        entry: { messaging?: Event[] }[];
      };
      for (const event of entry.flatMap((e) => e.messaging ?? [])) {
        const answer = answerTo(event);
        if (answer) void send(object, event.sender.id, answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
