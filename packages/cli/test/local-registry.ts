/**
 * An npm registry on 127.0.0.1 for the pack-and-install test, so that installing never reaches the network:
 * it serves Parley's packed tarballs, and the metadata of every third-party package this repository's
 * lockfile pins. Their tarballs keep their registry.npmjs.org addresses, which npm finds in its own cache
 * (the repository's `npm install` put them there); a proxy that refuses everything stands in for the internet.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';

interface LockEntry {
  version?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, unknown>;
  bin?: Record<string, string> | string;
  engines?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

export interface LocalRegistry {
  readonly url: string;
  close(): Promise<void>;
}

type Version = Record<string, unknown> & { dist: { tarball: string; integrity: string } };

/** `lockfile`: the repository's package-lock.json; `tarballs`: paths of `npm pack` outputs to serve. */
export async function startLocalRegistry(
  lockfile: string,
  tarballs: readonly string[],
): Promise<LocalRegistry> {
  const packuments = new Map<string, Map<string, Version>>();
  const add = (name: string, version: string, manifest: Version) => {
    if (!packuments.has(name)) packuments.set(name, new Map());
    packuments.get(name)!.set(version, manifest);
  };
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, LockEntry> };
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.split('node_modules/').at(-1)!;
    if (!path.includes('node_modules/') || entry.link || !entry.version || !entry.integrity) continue;
    const { version, integrity, ...rest } = entry;
    const file = `${basename(name)}-${version}.tgz`;
    add(name, version, {
      ...rest,
      name,
      version,
      dist: { tarball: `https://registry.npmjs.org/${name}/-/${file}`, integrity },
    });
  }

  const files = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://registry').pathname).slice(1);
    const tarball = files.get(path);
    if (tarball) return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(tarball);
    const versions = packuments.get(path);
    if (!versions)
      return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
    const latest = [...versions.keys()].at(-1)!;
    const body = { name: path, 'dist-tags': { latest }, versions: Object.fromEntries(versions) };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  for (const path of tarballs) {
    const bytes = readFileSync(path);
    const manifest = JSON.parse(packageJsonOf(bytes)) as Record<string, unknown> & {
      name: string;
      version: string;
    };
    const file = `-/${basename(path)}`;
    files.set(file, bytes);
    add(manifest.name, manifest.version, {
      ...manifest,
      dist: {
        tarball: `${url}${file}`,
        integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      },
    });
  }
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `package/package.json` from a gzipped tarball (npm pack's layout). */
function packageJsonOf(tgz: Buffer): string {
  const tar = gunzipSync(tgz);
  for (let at = 0; at + 512 <= tar.length;) {
    const name = tar
      .subarray(at, at + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    const size =
      parseInt(
        tar
          .subarray(at + 124, at + 136)
          .toString('utf8')
          .trim(),
        8,
      ) || 0;
    if (name === 'package/package.json') return tar.subarray(at + 512, at + 512 + size).toString('utf8');
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error('no package/package.json in the tarball');
}
