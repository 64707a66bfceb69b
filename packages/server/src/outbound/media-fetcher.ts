/**
 * Fetches media the way Meta's servers do when a Send API call names a URL: with a timeout over the whole
 * fetch, redirects included (at most 5), and a size cap. Failures answer Meta's 2018008, and a file over the
 * type's limit 2018109. Only targets the policy allows are reached, at every hop.
 */
import { GraphError } from '@parley/protocol';
import { fetch, type Agent } from 'undici';
import { guardedAgent } from './agent.ts';
import type { TargetPolicy } from './targets.ts';

export interface Fetched {
  readonly bytes: Buffer;
  readonly name: string;
}

const MAX_REDIRECTS = 5;

function nameOf(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  return last || 'attachment';
}

function httpUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new GraphError('mediaFetchFailed');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new GraphError('mediaFetchFailed');
  return url;
}

export class MediaFetcher {
  private readonly agent: Agent;

  constructor(
    targets: TargetPolicy,
    private readonly timeoutMs: number,
  ) {
    this.agent = guardedAgent(targets);
  }

  async fetch(address: string, maxBytes: number): Promise<Fetched> {
    let url = httpUrl(address);
    // Aborted at the timeout, and once done, which releases whatever is left unread.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const { signal } = controller;
    try {
      let response = await this.get(url, signal);
      // Each hop is checked again: its scheme here, its address when the connection opens.
      for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
        const location = response.headers.get('location');
        await response.body?.cancel();
        if (location === null || hops === MAX_REDIRECTS) throw new GraphError('mediaFetchFailed');
        url = httpUrl(new URL(location, url).toString());
        response = await this.get(url, signal);
      }
      if (!response.ok || !response.body) throw new GraphError('mediaFetchFailed');
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > maxBytes) throw new GraphError('mediaTooLarge');
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of response.body) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new GraphError('mediaTooLarge');
        chunks.push(Buffer.from(chunk));
      }
      return { bytes: Buffer.concat(chunks), name: nameOf(url) };
    } catch (error) {
      if (error instanceof GraphError) throw error;
      throw new GraphError('mediaFetchFailed');
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  private get(url: URL, signal: AbortSignal) {
    return fetch(url, { dispatcher: this.agent, signal, redirect: 'manual' });
  }
}
