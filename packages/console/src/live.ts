/**
 * Parley's change stream (`GET /_parley/events`, server-sent events), read with fetch so that the admin token
 * can go in a header. Calls `changed` on each change, and reconnects after a break.
 */
import { adminToken } from './api.ts';

export function watchChanges(changed: () => void): () => void {
  let stopped = false;
  const controller = new AbortController();
  const connect = async () => {
    while (!stopped) {
      try {
        const token = adminToken();
        const response = await fetch('/_parley/events', {
          headers: token ? { authorization: `Bearer ${token}` } : {},
          signal: controller.signal,
        });
        const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          if (value.includes('event: change')) changed();
        }
      } catch {
        // a break or a stop: try again unless stopped
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  void connect();
  return () => {
    stopped = true;
    controller.abort();
  };
}
