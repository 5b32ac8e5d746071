/**
 * The store floor: what SQLite alone costs per message (and per delivered event), with nothing of
 * Omnihook around it: no HTTP, no Kysely, no payload rendering, no promises. The same schema
 * (our migrations), the same pragmas, the same statements a message runs, in transactions of
 * `batch` units each in its own SAVEPOINT (what group commit does), on one thread.
 *
 * No implementation that persists a message and its event durably in one SQLite file can spend
 * less CPU per message than this; the benchmarks use it to compute the best ratio any such
 * single-process server could reach (docs/benchmarks.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { migrate, openStore } from '../../src/store/open.ts';

export interface FloorOptions {
  /** Units measured (after a warm-up of a fifth as many). */
  units?: number;
  rooms?: number;
  /** Units per transaction (the server's group commit batches about as many as connections). */
  batch?: number;
  /** Stored event body size in bytes (a rendered Message payload is about this size). */
  bodyBytes?: number;
}

export interface FloorResult {
  /** CPU microseconds per unit, this thread. */
  usPerUnit: number;
  unitsPerSecond: number;
}

async function freshDb(): Promise<{ db: SQLite.Database; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'omnihook-floor-'));
  const path = join(dir, 'floor.db');
  const store = await openStore(`sqlite:${path}`);
  await migrate(store);
  await store.close();
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -65536');
  // the server checkpoints on a worker thread; so does nothing here (the WAL just grows)
  db.pragma('wal_autocheckpoint = 0');
  return {
    db,
    cleanup: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Fixture {
  rooms: { rid: string; token: string }[];
  agentId: string;
  body: (i: number) => string;
}

function seed(db: SQLite.Database, roomCount: number, bodyBytes: number): Fixture {
  const now = Date.now();
  const agentId = 'floor-agent';
  db.prepare(
    `INSERT INTO users (_id, username, name, email, password_hash, roles, status_livechat, active, created_at, updated_at)
     VALUES (?, 'agent', 'Agent', 'agent@example.com', 'x', '["livechat-agent"]', 'available', 1, ?, ?)`,
  ).run(agentId, now, now);
  const rooms: Fixture['rooms'] = [];
  const visitor = db.prepare(
    `INSERT INTO visitors (_id, token, username, name, custom_fields, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, '{}', 'online', ?, ?)`,
  );
  const room = db.prepare(
    `INSERT INTO rooms (_id, fname, visitor_id, visitor_token, visitor_username, open, served_by_id, served_by_username,
       served_by_ts, created_at, custom_fields, msgs, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, ?, 'agent', ?, ?, '{}', 0, ?)`,
  );
  for (let i = 0; i < roomCount; i++) {
    const rid = `floor-room-${i}`;
    const token = `floor-token-${i}`;
    visitor.run(`floor-visitor-${i}`, token, `guest-${i}`, `Visitor ${i}`, now, now);
    room.run(rid, `Visitor ${i}`, `floor-visitor-${i}`, token, `guest-${i}`, agentId, now, now, now);
  }
  const pad = 'x'.repeat(bodyBytes);
  return { rooms, agentId, body: (i) => `{"n":${i},"p":"${pad}"}`.slice(0, bodyBytes) };
}

function roomsOf(n: number): Fixture['rooms'] {
  return Array.from({ length: n }, (_, i) => ({ rid: `floor-room-${i}`, token: `floor-token-${i}` }));
}

/** The statements of one visitor message, as src/services/livechat/messages.ts runs them. */
function messageStatements(db: SQLite.Database) {
  return {
    visitor: db.prepare(`SELECT * FROM visitors WHERE token = ?`),
    room: db.prepare(`SELECT * FROM rooms WHERE _id = ? AND visitor_token = ?`),
    insertMessage: db.prepare(
      `INSERT INTO messages (_id, rid, msg, t, u_id, u_username, u_name, token, ts, edited_at, edited_by_id, edited_by_username,
         updated_at, file, attachments)
       VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, NULL) RETURNING seq`,
    ),
    bumpRoom: db.prepare(`UPDATE rooms SET msgs = msgs + 1, last_message_at = ?, updated_at = ? WHERE _id = ?`),
    agent: db.prepare(`SELECT * FROM users WHERE _id = ?`),
    insertEvent: db.prepare(
      `INSERT INTO events (_id, type, rid, department_id, body, created_at) VALUES (?, 'Message', ?, NULL, ?, ?)`,
    ),
    endpoints: db.prepare(
      `SELECT _id, events, department_ids, ordering FROM endpoints WHERE kind = 'custom' AND enabled = 1 AND deleted_at IS NULL`,
    ),
    insertDelivery: db.prepare(
      `INSERT INTO deliveries (_id, event_id, endpoint_id, event_type, rid, order_key, status, attempts, next_attempt_at,
         created_at, updated_at)
       VALUES (?, ?, 'rocketchat', 'Message', ?, ?, 'pending', 0, ?, ?, ?)`,
    ),
    savepoint: db.prepare('SAVEPOINT unit'),
    release: db.prepare('RELEASE SAVEPOINT unit'),
    begin: db.prepare('BEGIN'),
    commit: db.prepare('COMMIT'),
  };
}

// Ids shaped like ours (time-ordered prefix, unique suffix), without our id code in the measurement.
let counter = 0;
function sortableId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${(counter++).toString(36).padStart(8, '0')}`;
}

function cpuMicros(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function runMessages(
  db: SQLite.Database,
  fx: Fixture,
  units: number,
  batch: number,
  withDelivery: boolean,
  start = 0,
): void {
  const s = messageStatements(db);
  for (let done = 0; done < units;) {
    s.begin.run();
    const end = Math.min(units, done + batch);
    for (; done < end; done++) {
      const i = start + done;
      const r = fx.rooms[i % fx.rooms.length]!;
      const now = Date.now();
      s.savepoint.run();
      const v = s.visitor.get(r.token) as { _id: string; username: string; name: string };
      s.room.get(r.rid, r.token);
      const mid = sortableId('m');
      s.insertMessage.get(mid, r.rid, `message ${i}`, v._id, v.username, v.name, r.token, now, now);
      s.bumpRoom.run(now, now, r.rid);
      s.agent.get(fx.agentId);
      const eid = sortableId('e');
      s.insertEvent.run(eid, r.rid, fx.body(i), now);
      s.endpoints.all();
      if (withDelivery) s.insertDelivery.run(sortableId('d'), eid, r.rid, r.rid, now, now, now);
      s.release.run();
    }
    s.commit.run();
  }
}

/** SQLite's cost of one visitor message (message, room, event; no webhook). */
export async function messageFloor(opts: FloorOptions = {}): Promise<FloorResult> {
  const units = opts.units ?? 50_000;
  const { db, cleanup } = await freshDb();
  try {
    const fx = { ...seed(db, opts.rooms ?? 200, opts.bodyBytes ?? 750), rooms: roomsOf(opts.rooms ?? 200) };
    runMessages(db, fx, Math.ceil(units / 5), opts.batch ?? 50, false);
    const c0 = cpuMicros();
    runMessages(db, fx, units, opts.batch ?? 50, false, units);
    const us = (cpuMicros() - c0) / units;
    return { usPerUnit: us, unitsPerSecond: 1e6 / us };
  } finally {
    cleanup();
  }
}

/**
 * SQLite's cost of one delivered event: the message with its event and delivery row, then the
 * worker's claim (64 rows a statement), the read of the event bodies, and the record of the
 * attempt (attempt row, delivery state, the room's crmData, the endpoint's health check).
 */
export async function deliveryFloor(opts: FloorOptions = {}): Promise<FloorResult> {
  const units = opts.units ?? 30_000;
  const batch = opts.batch ?? 64;
  const { db, cleanup } = await freshDb();
  try {
    const fx = { ...seed(db, opts.rooms ?? 256, opts.bodyBytes ?? 750), rooms: roomsOf(opts.rooms ?? 256) };
    const now0 = Date.now();
    db.prepare(
      `INSERT OR IGNORE INTO endpoints (_id, kind, url, events, timeout_ms, retry, ordering, max_concurrency, enabled, secret,
         consecutive_failures, created_at, updated_at)
       VALUES ('rocketchat', 'rocketchat', 'http://127.0.0.1/hook', '[]', 5000, '"rocketchat"', 'room', 64, 1, 'whsec_x', 0, ?, ?)`,
    ).run(now0, now0);
    const claim = db.prepare(
      `UPDATE deliveries SET lease_owner = 'floor', lease_until = ?, updated_at = ?
       WHERE seq IN (SELECT d.seq FROM deliveries d
         WHERE d.endpoint_id = 'rocketchat' AND d.status = 'pending' AND d.next_attempt_at <= ?
           AND (d.lease_until IS NULL OR d.lease_until <= ?)
           AND (d.order_key IS NULL OR NOT EXISTS (SELECT 1 FROM deliveries o WHERE o.endpoint_id = d.endpoint_id
             AND o.order_key = d.order_key AND o.status = 'pending' AND o.seq < d.seq))
         ORDER BY d.next_attempt_at, d.seq LIMIT ?)
       RETURNING seq, _id, event_id, rid, attempts`,
    );
    const bodies = db.prepare(`SELECT _id, rid, body FROM events WHERE _id IN (SELECT value FROM json_each(?))`);
    const insertAttempt = db.prepare(
      `INSERT INTO attempts (delivery_id, endpoint_id, attempt, started_at, duration_ms, status_code, error_class, error_message,
         request_headers, response_headers, response_body)
       VALUES (?, 'rocketchat', ?, ?, 1, 200, NULL, NULL, ?, ?, '{}')`,
    );
    const done = db.prepare(
      `UPDATE deliveries SET status = 'succeeded', attempts = ?, next_attempt_at = ?, completed_at = ?, lease_owner = NULL,
         lease_until = NULL, last_status_code = 200, last_error = NULL, updated_at = ? WHERE _id = ? AND lease_owner = 'floor'`,
    );
    const crm = db.prepare(`UPDATE rooms SET crm_data = '{}' WHERE _id = ?`);
    const health = db.prepare(
      `UPDATE endpoints SET consecutive_failures = 0, failing_since = NULL, updated_at = ? WHERE _id = 'rocketchat' AND consecutive_failures > 0`,
    );
    const reqHeaders = JSON.stringify({
      'content-type': 'application/json',
      'webhook-id': 'msg_x',
      'webhook-timestamp': '1',
    });
    const resHeaders = JSON.stringify({ 'content-type': 'application/json', 'content-length': '2' });
    const begin = db.prepare('BEGIN');
    const commit = db.prepare('COMMIT');

    // Produce in batches and deliver them, as the worker does: claim, read bodies, record.
    const cycle = (n: number, start: number) => {
      for (let off = 0; off < n; off += batch) {
        const count = Math.min(batch, n - off);
        runMessages(db, fx, count, batch, true, start + off);
        const now = Date.now();
        const rows = claim.all(now + 15_000, now, now, now, count) as {
          _id: string;
          event_id: string;
          rid: string;
          attempts: number;
        }[];
        bodies.all(JSON.stringify(rows.map((r) => r.event_id)));
        begin.run();
        for (const r of rows) {
          insertAttempt.run(r._id, r.attempts + 1, now, reqHeaders, resHeaders);
          done.run(r.attempts + 1, now, now, now, r._id);
          crm.run(r.rid);
          health.run(now);
        }
        commit.run();
      }
    };
    cycle(Math.ceil(units / 5), 0);
    const c0 = cpuMicros();
    cycle(units, units);
    const us = (cpuMicros() - c0) / units;
    return { usPerUnit: us, unitsPerSecond: 1e6 / us };
  } finally {
    cleanup();
  }
}
