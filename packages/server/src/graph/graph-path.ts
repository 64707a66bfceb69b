/** Splits a Graph path into its version and its node/edge segments: `/v23.0/me/conversations`. */
import { GraphError } from '@parley/protocol';
import type { ParleyConfig } from '../config.ts';

export interface GraphPath {
  /** The version the request is answered as, e.g. `v23.0`. */
  readonly version: string;
  /** `[]` for the root, `[node]` or `[node, edge]`. */
  readonly segments: readonly string[];
}

const VERSION = /^v(\d+)\.(\d+)$/;

export function parseGraphPath(pathname: string, versions: ParleyConfig['versions']): GraphPath {
  let segments: string[];
  try {
    segments = pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    throw new GraphError('unknownPathComponents', { path: pathname });
  }
  let version = versions.unversioned;
  const match = segments[0] === undefined ? null : VERSION.exec(segments[0]);
  if (match) {
    const major = Number(match[1]);
    if (major > versions.latest) throw new GraphError('unknownPathComponents', { path: `/${segments[0]}` });
    // Expired versions are served as the oldest one still available, as Meta does.
    version = major < versions.oldest ? `v${versions.oldest}.0` : segments[0]!;
    segments = segments.slice(1);
  }
  if (segments.length > 2) {
    throw new GraphError('unknownPathComponents', { path: '/' + segments.slice(2).join('/') });
  }
  return { version, segments };
}
