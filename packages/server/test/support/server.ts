/** Starts Parley for a test the way `parley start` does: a real HTTP server on 127.0.0.1 and a real database. */
import { afterAll, beforeAll } from 'vitest';
import { startServer, type RunningServer } from '../../src/main.ts';
import { GraphClient, SandboxClient } from './clients.ts';
import { newDatabaseTarget, type DatabaseTarget, type StoreKind } from './stores.ts';

export interface TestServer {
  readonly url: string;
  readonly db: DatabaseTarget;
  readonly graph: GraphClient;
  readonly sandbox: SandboxClient;
  /** Stops the server and starts it again on the same database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly seed?: 'demo' | 'none';
  readonly adminToken?: string;
  /** Meta's rate limits; off unless a test is about them (tests call faster than 2 reads a second). */
  readonly rateLimits?: boolean;
  readonly mediaUrlTtl?: number;
  readonly webhookTimeout?: number;
  readonly webhookDisableAfter?: number;
  /** With an admin token, the non-public targets callbacks and media URLs may reach. */
  readonly allowPrivateTargets?: readonly string[];
  /** Share another server's database (several processes on one PostgreSQL). */
  readonly db?: DatabaseTarget;
}

export async function startTestServer(kind: StoreKind, options: TestServerOptions = {}): Promise<TestServer> {
  const db = options.db ?? newDatabaseTarget(kind);
  const start = () =>
    startServer({
      port: 0,
      host: '127.0.0.1',
      db: db.target,
      seed: options.seed ?? 'none',
      adminToken: options.adminToken,
      logLevel: 'silent',
      rateLimits: options.rateLimits ?? false,
      ...(options.mediaUrlTtl !== undefined && { mediaUrlTtl: options.mediaUrlTtl }),
      ...(options.webhookTimeout !== undefined && { webhookTimeout: options.webhookTimeout }),
      ...(options.webhookDisableAfter !== undefined && { webhookDisableAfter: options.webhookDisableAfter }),
      ...(options.allowPrivateTargets !== undefined && { allowPrivateTargets: options.allowPrivateTargets }),
    });
  let running: RunningServer = await start();
  const server: TestServer = {
    url: running.url,
    db,
    graph: new GraphClient(running.url),
    sandbox: new SandboxClient(running.url, options.adminToken),
    async restart() {
      await running.close();
      running = await start();
      Object.assign(server, {
        url: running.url,
        graph: new GraphClient(running.url),
        sandbox: new SandboxClient(running.url, options.adminToken),
      });
    },
    async close() {
      await running.close();
      // A shared database belongs to the server that made it.
      if (!options.db) await db.drop();
    },
  };
  return server;
}

/** A server for the enclosing describe block: started before its tests, stopped after. */
export function useTestServer(kind: StoreKind, options: TestServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer(kind, options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('test server not started');
    return server;
  };
}
