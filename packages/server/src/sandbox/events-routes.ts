/**
 * `GET /_parley/events`: server-sent events telling a watcher (the web console) that something changed, so that
 * it reads again what it shows. A `change` event carries the store's commit count and the sandbox time; it is
 * sent at once, then whenever either moves (looked at every quarter second), and a comment keeps idle
 * connections open.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SandboxDeps } from './deps.ts';

const LOOK_EVERY_MS = 250;
const KEEP_ALIVE_MS = 15_000;

export function eventsRoutes({ store, clock, watch }: SandboxDeps): Hono {
  const routes = new Hono();
  routes.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      let open = true;
      // A watcher is there: the API log and the webhook requests are kept meanwhile.
      const unwatch = watch.open();
      stream.onAbort(() => {
        open = false;
        unwatch();
      });
      let sent = '';
      let quietSince = Date.now();
      while (open) {
        const state = { commits: store.commits, clock: clock.snapshot };
        const key = JSON.stringify(state);
        if (key !== sent) {
          sent = key;
          quietSince = Date.now();
          await stream.writeSSE({
            event: 'change',
            data: JSON.stringify({ commits: state.commits, now: clock.now() }),
          });
        } else if (Date.now() - quietSince > KEEP_ALIVE_MS) {
          quietSince = Date.now();
          await stream.write(': still here\n\n');
        }
        await stream.sleep(LOOK_EVERY_MS);
      }
      unwatch();
    }),
  );
  return routes;
}
