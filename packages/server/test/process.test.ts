/** `parley start` as a process: its options, its output, clean stops, and no loss of acknowledged writes on SIGKILL. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { once } from 'node:events';
import { connect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { GraphClient, SandboxClient, createBusiness } from './support/clients.ts';
import { DEMO } from './support/demo-world.ts';
import { runParley, startParley, storedMessageIds, writeUntilKilled } from './support/process.ts';
import { describeEachStore, newDatabaseTarget, postgresAvailable } from './support/stores.ts';
import { installApp, startReceiver, subscribeApp } from './support/webhook-receiver.ts';

const dir = mkdtempSync(join(tmpdir(), 'parley-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parley start', () => {
  it('starts with `npx parley start`, serves the demo world, answers health, and stops cleanly on SIGTERM', async () => {
    const db = join(dir, 'npx.db');
    const parley = runParley(['start', '--port', '0', '--db', db], {
      command: ['npx', '--no-install', 'parley'],
    });
    const url = await parley.ready;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/_parley/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    const me = await new GraphClient(url).get('/v23.0/me', { fields: 'username' }, { token: DEMO.IG_TOKEN });
    expect(me.body.username).toBe('parley.coffee');
    parley.signal('SIGTERM');
    await parley.exited;
    await new Promise((r) => setTimeout(r, 300));
    await expect(fetch(`${url}/_parley/health`)).rejects.toThrow();
    expect(parley.output()).toContain('Parley stopping (SIGTERM)');
  });

  it('reads its options from the environment, and --seed none starts an empty world', async () => {
    const parley = runParley(['start'], {
      env: { PARLEY_PORT: '0', PARLEY_DB: ':memory:', PARLEY_SEED: 'none', PARLEY_HOST: '127.0.0.1' },
    });
    const url = await parley.ready;
    const me = await new GraphClient(url).get('/v23.0/me', {}, { token: DEMO.IG_TOKEN });
    expect(me.body.error.code).toBe(190);
    parley.child.kill('SIGTERM');
    expect(await parley.exited).toEqual({ code: 0, signal: null });
  });

  it('seeds from a YAML file on first start only', async () => {
    const seed = join(dir, 'seed.yaml');
    writeFileSync(seed, 'apps: [{ key: a, name: From File, id: "555" }]\n');
    const db = join(dir, 'seeded.db');
    const first = runParley(['start', '--port', '0', '--db', db, '--seed', seed]);
    const url = await first.ready;
    expect((await new SandboxClient(url).do('GET', '/apps/555')).name).toBe('From File');
    first.child.kill('SIGTERM');
    await first.exited;
    // The same database again: the seed is not applied twice.
    const second = runParley(['start', '--port', '0', '--db', db, '--seed', seed]);
    await second.ready;
    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  });

  it('logs a client that hangs up mid-upload at debug level, not as an error', async () => {
    const parley = runParley(['start', '--port', '0', '--db', ':memory:', '--log-level', 'debug']);
    const url = new URL(await parley.ready);
    /** Sends the head and the start of a 5 MB body, then hangs up. */
    const hangUp = async (target: string, type: string, start: string) => {
      const socket = connect(Number(url.port), '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: ${type}\r\n` +
          `Content-Length: 5000000\r\n\r\n${start}${'x'.repeat(100_000)}`,
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      socket.destroy();
    };
    await hangUp(
      `/v23.0/me/message_attachments?access_token=${DEMO.IG_TOKEN}`,
      'multipart/form-data; boundary=b',
      '--b\r\nContent-Disposition: form-data; name="filedata"; filename="a.png"\r\n\r\n',
    );
    await hangUp('/_parley/seed', 'application/json', '{"users":["');
    await expect
      .poll(() => parley.output(), { timeout: 5000 })
      .toContain('the client closed the connection before its request was read');
    expect(parley.output()).not.toContain('database unavailable');
    expect(parley.output()).not.toContain('"level":50');
    parley.signal('SIGTERM');
    await parley.exited;
  });

  it('refuses to bind a non-loopback address without an admin token', async () => {
    const parley = runParley(['start', '--host', '0.0.0.0', '--port', '0', '--db', ':memory:']);
    expect((await parley.exited).code).toBe(2);
    expect(parley.output()).toContain('Refusing to bind 0.0.0.0 without an admin token');
  });

  it('refuses an admin token too short to keep the sandbox shut', async () => {
    const parley = runParley(['start', '--port', '0', '--db', ':memory:', '--admin-token', 'x']);
    expect((await parley.exited).code).toBe(2);
    expect(parley.output()).toContain('The admin token must be at least 16 characters long');
  });

  it('explains unknown options', async () => {
    const parley = runParley(['start', '--prot', '1']);
    expect((await parley.exited).code).toBe(2);
    expect(parley.output()).toContain("Unknown option '--prot'");
    expect(parley.output()).toContain('Usage: parley start');
  });
});

describeEachStore('durability', (kind) => {
  it('loses no acknowledged message when killed with SIGKILL under load', async () => {
    const db = newDatabaseTarget(kind);
    try {
      const first = startParley(db.target);
      const url = await first.ready;
      const sandbox = new SandboxClient(url);
      const biz = await createBusiness(sandbox);
      const people = await Promise.all(Array.from({ length: 10 }, () => sandbox.user()));

      const acknowledged = await writeUntilKilled(first, sandbox, people, biz.ig.id);
      expect((await first.exited).signal).toBe('SIGKILL');

      const second = startParley(db.target);
      const graph = new GraphClient(await second.ready);
      try {
        const stored = await storedMessageIds(graph, acknowledged, biz.igToken);
        const lost = acknowledged.filter((a) => !stored.has(a.message_id));
        expect(acknowledged.length).toBeGreaterThanOrEqual(300);
        expect(lost).toEqual([]);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      await db.drop();
    }
  });
});

describe.skipIf(!postgresAvailable())('PostgreSQL connections', () => {
  it('survives its database connections being terminated, and carries on', async () => {
    const db = newDatabaseTarget('postgres');
    const parley = startParley(db.target, { seed: 'demo' });
    try {
      const graph = new GraphClient(await parley.ready);
      const read = () => graph.get('/v23.0/me/conversations', {}, { token: DEMO.IG_TOKEN });
      expect((await read()).status).toBe(200);
      const schema = new URL(db.target).searchParams.get('schema');
      const admin = new pg.Client({ connectionString: inject('postgresUrl') });
      await admin.connect();
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [`parley:${schema}`],
      );
      await admin.end();
      expect(killed.rowCount).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 200));
      // At worst the first request meets a dead connection and is told to retry (code 2).
      expect([200, 503]).toContain((await read()).status);
      expect(parley.child.exitCode).toBeNull();
      expect((await read()).status).toBe(200);
    } finally {
      parley.signal('SIGTERM');
      await parley.exited;
      await db.drop();
    }
  });

  it("hears other processes' changes again once its change feed's connection is terminated", async () => {
    const db = newDatabaseTarget('postgres');
    const first = startParley(db.target, { seed: 'demo' });
    const second = startParley(db.target, { seed: 'demo' });
    const admin = new pg.Client({ connectionString: inject('postgresUrl') });
    try {
      const [one, two] = [new SandboxClient(await first.ready), new SandboxClient(await second.ready)];
      const schema = new URL(db.target).searchParams.get('schema');
      await admin.connect();
      const killed = await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = any($1)',
        [[`parley:${schema}`, `parley-changes:${schema}`]],
      );
      expect(killed.rowCount).toBeGreaterThanOrEqual(2);
      // The clock one process moves reaches the other once its feed has listened again (within seconds).
      await expect
        .poll(
          async () => {
            const moved = await one.raw('POST', '/clock', { advance_seconds: 3600 });
            const there = await two.raw('GET', '/clock');
            const apart = Math.abs(there.body.offset_seconds - moved.body.offset_seconds);
            return moved.status === 200 && apart <= 1;
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(true);
      expect(first.child.exitCode).toBeNull();
      expect(second.child.exitCode).toBeNull();
    } finally {
      await admin.end().catch(() => {});
      first.signal('SIGTERM');
      second.signal('SIGTERM');
      await Promise.all([first.exited, second.exited]);
      await db.drop();
    }
  });

  it(
    'survives its connections being terminated under write load, and loses no message or webhook it acknowledged',
    { timeout: 90_000 },
    async () => {
      const db = newDatabaseTarget('postgres');
      const parley = startParley(db.target, { flags: ['--webhook-timeout', '1'] });
      const admin = new pg.Client({ connectionString: inject('postgresUrl') });
      const receiver = await startReceiver();
      try {
        const url = await parley.ready;
        const sandbox = new SandboxClient(url);
        const graph = new GraphClient(url);
        const biz = await createBusiness(sandbox);
        await subscribeApp(graph, biz.app, receiver, 'instagram', ['messages']);
        await installApp(graph, biz.igToken, ['messages']);
        const people = await Promise.all(Array.from({ length: 10 }, () => sandbox.user()));
        const schema = new URL(db.target).searchParams.get('schema');
        await admin.connect();

        const acknowledged: { message_id: string; conversation_id: string }[] = [];
        const refused: number[] = [];
        let writing = true;
        const writer = async (worker: number) => {
          for (let i = 0; writing; i++) {
            const person = people[(worker + i) % people.length]!;
            const res = await sandbox
              .raw('POST', `/users/${person.id}/messages`, { to: biz.ig.id, text: `load ${worker}.${i}` })
              .catch(() => undefined);
            if (!res) return refused.push(0); // the server is gone
            if (res.status === 200) acknowledged.push(res.body);
            else refused.push(res.status);
          }
        };
        const writers = Array.from({ length: 10 }, (_, w) => writer(w));
        let terminated = 0;
        // Twelve rounds at least, and on until enough writes were acknowledged (a loaded machine writes slowly).
        for (let round = 0; round < 12 || (acknowledged.length <= 50 && round < 200); round++) {
          await new Promise((r) => setTimeout(r, 150));
          const killed = await admin.query(
            'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
            [`parley:${schema}`],
          );
          terminated += killed.rowCount ?? 0;
        }
        writing = false;
        await Promise.all(writers);

        expect(terminated).toBeGreaterThan(0);
        expect(parley.child.exitCode).toBeNull();
        // What failed was told to retry (Meta's code 2, is_transient), and the server stayed up.
        expect(refused.filter((status) => status !== 503)).toEqual([]);
        expect((await sandbox.raw('GET', '/health')).status).toBe(200);
        const stored = await storedMessageIds(graph, acknowledged, biz.igToken);
        expect(acknowledged.length).toBeGreaterThan(50);
        expect(acknowledged.filter((a) => !stored.has(a.message_id))).toEqual([]);
        // Every acknowledged message's webhook arrives too (a POST whose record was cut off is sent again).
        const heard = () => new Set(receiver.items().map((item) => item.message.mid));
        await receiver.until(
          () => (acknowledged.every((a) => heard().has(a.message_id)) ? true : undefined),
          30_000,
        );
      } finally {
        await receiver.close();
        await admin.end().catch(() => {});
        parley.signal('SIGTERM');
        await parley.exited;
        await db.drop();
      }
    },
  );
});
