/**
 * Fetches media the way Meta's servers do when a Send API call names a URL: with a timeout and a size cap.
 * Failures answer Meta's 2018008; a file over the type's limit answers 2018109.
 */
import { GraphError } from '@parley/protocol';

export interface Fetched {
  readonly bytes: Buffer;
  readonly name: string;
}

export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

function nameOf(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  return last || 'attachment';
}

export async function fetchMedia(address: string, limits: FetchLimits): Promise<Fetched> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new GraphError('mediaFetchFailed');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new GraphError('mediaFetchFailed');
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    if (!response.ok || !response.body) throw new GraphError('mediaFetchFailed');
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) throw new GraphError('mediaTooLarge');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > limits.maxBytes) throw new GraphError('mediaTooLarge');
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
