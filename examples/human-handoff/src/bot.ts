/**
 * A Messenger bot in front of a human inbox, with Meta's handover protocol. The bot is its Page's primary
 * receiver: it answers what it can, and on "talk to a human" passes the thread to the Page Inbox
 * (`pass_thread_control`), where the Page's people answer. While the inbox controls the thread the bot hears
 * the conversation on `standby` only, and stays quiet; it takes the thread back (`take_thread_control`) when
 * the person writes "back to the bot", and welcomes the person back when the inbox passes the thread back
 * ("Move to done"). Nothing in it knows about Parley: point `graphUrl` at https://graph.facebook.com to run it
 * for real.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Meta's Page Inbox, as the handover protocol names it. */
export const PAGE_INBOX_APP_ID = '263902037430900';

export interface BotConfig {
  /** https://graph.facebook.com */
  readonly graphUrl: string;
  /** The bot's app: its id tells the handover events meant for it. */
  readonly appId: string;
  readonly appSecret: string;
  readonly verifyToken: string;
  readonly pageToken: string;
  readonly port?: number;
}

export interface Bot {
  readonly url: string;
  close(): Promise<void>;
}

interface Event {
  sender: { id: string };
  message?: { text?: string; is_echo?: boolean };
  postback?: { payload?: string };
  pass_thread_control?: { new_owner_app_id: string; previous_owner_app_id: string | null };
}

/** What the bot does about one event: answer, hand over, take back, or nothing. */
export type Action =
  | { readonly kind: 'answer'; readonly text: string }
  | { readonly kind: 'handover'; readonly text: string }
  | { readonly kind: 'take back'; readonly text: string };

const HUMAN = /\b(talk to a human|human|agent|person)\b/i;
const BACK = /\bback to the bot\b/i;

/** The bot's answer to an event it controls the thread of (`messaging`). */
export function answerTo(event: Event, appId: string): Action | undefined {
  const handover = event.pass_thread_control;
  if (handover) {
    return handover.new_owner_app_id === appId
      ? { kind: 'answer', text: 'Thanks for waiting! The bot is back: ask me about hours or orders.' }
      : undefined;
  }
  const text = event.message?.is_echo ? undefined : (event.message?.text ?? event.postback?.payload);
  if (text === undefined) return undefined;
  if (HUMAN.test(text))
    return { kind: 'handover', text: 'Connecting you with our team. Someone will answer here soon.' };
  if (/hours?|open/i.test(text)) return { kind: 'answer', text: 'We are open 8am to 6pm, every day.' };
  if (/order/i.test(text)) return { kind: 'answer', text: 'Your order ships within 2 days.' };
  return {
    kind: 'answer',
    text: 'I can help with hours and orders. Say "talk to a human" to reach our team.',
  };
}

/** What the bot does about an event of a thread the inbox controls (`standby`): only "back to the bot". */
export function standbyActionOf(event: Event): Action | undefined {
  const text = event.message?.is_echo ? undefined : event.message?.text;
  return text !== undefined && BACK.test(text)
    ? { kind: 'take back', text: 'The bot is back. Ask me about hours or orders.' }
    : undefined;
}

function signedBy(body: Buffer, header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startBot(config: BotConfig): Promise<Bot> {
  const graph = async (path: string, body: object) => {
    const response = await fetch(`${config.graphUrl}/v23.0/me/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.pageToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) console.error(`${path} failed`, response.status, await response.text());
  };
  const say = (psid: string, text: string) =>
    graph('messages', { recipient: { id: psid }, message: { text } });

  const act = async (psid: string, action: Action) => {
    if (action.kind === 'take back') {
      await graph('take_thread_control', {
        recipient: { id: psid },
        metadata: 'The person asked for the bot',
      });
      return say(psid, action.text);
    }
    await say(psid, action.text);
    if (action.kind === 'handover') {
      await graph('pass_thread_control', {
        recipient: { id: psid },
        target_app_id: PAGE_INBOX_APP_ID,
        metadata: 'The person asked for a human',
      });
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
      res.end('EVENT_RECEIVED');
      const { entry } = JSON.parse(body.toString('utf8')) as {
        entry: { messaging?: Event[]; standby?: Event[] }[];
      };
      // One conversation's events in order: each waits for the one before it.
      void (async () => {
        for (const item of entry) {
          for (const event of item.messaging ?? []) {
            const action = answerTo(event, config.appId);
            if (action) await act(event.sender.id, action);
          }
          for (const event of item.standby ?? []) {
            const action = standbyActionOf(event);
            if (action) await act(event.sender.id, action);
          }
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(config.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
