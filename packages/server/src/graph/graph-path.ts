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

/**
 * The version a segment names, as it is answered (an expired one as the oldest still served), or undefined
 * for a segment that is not a version. Graph's versions are whole since v4.0 (`v23.0`); before that they had
 * minors (`v2.12`, `v3.2`), which are all expired. Any other `vN.N` names none.
 */
function versionOf(segment: string, versions: ParleyConfig['versions']): string | undefined {
  const match = VERSION.exec(segment);
  if (!match) return undefined;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const known =
    major >= 4 ? segment === `v${major}.0` : (major === 2 || major === 3) && segment === `v${major}.${minor}`;
  if (!known || major > versions.latest) {
    throw new GraphError('unknownPathComponents', { path: `/${segment}` });
  }
  // Expired versions are served as the oldest one still available, as Meta does.
  return major < versions.oldest ? `v${versions.oldest}.0` : segment;
}

/** The version a request is answered as, read before anything else of it (so that its errors carry it). */
export function graphVersion(pathname: string, versions: ParleyConfig['versions']): string {
  return versionOf(pathname.split('/')[1] ?? '', versions) ?? versions.unversioned;
}

export function parseGraphPath(pathname: string, versions: ParleyConfig['versions']): GraphPath {
  let segments: string[];
  try {
    segments = pathname
      .split('/')
      .filter((s) => s !== '')
      // Ids are plain ASCII: most segments have nothing to decode.
      .map((s) => (s.includes('%') ? decodeURIComponent(s) : s));
  } catch {
    throw new GraphError('unknownPathComponents', { path: pathname });
  }
  const version = segments[0] === undefined ? undefined : versionOf(segments[0], versions);
  if (version) segments = segments.slice(1);
  // A version where a node belongs (`/v23.0/v23.0/me`) is no path Graph knows. One edge takes a third
  // segment: `/{user-id}/permissions/{permission}`.
  const third = segments.length === 3 && segments[1] === 'permissions';
  if ((segments.length > 2 && !third) || (segments[0] !== undefined && VERSION.test(segments[0]))) {
    const extra = segments.length > 2 && !third ? segments.slice(2) : segments;
    throw new GraphError('unknownPathComponents', { path: '/' + extra.join('/') });
  }
  return { version: version ?? versions.unversioned, segments };
}
