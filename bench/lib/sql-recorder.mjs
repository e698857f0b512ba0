// Records the statements the server sends while handling one request, and replays them later with
// fresh identifiers, without the server: the SQL ceiling of bench/cases-sql-ceiling.mjs.
//
// The server runs in the bench's own process on a Db wrapped by `recordingDb`, so every statement
// of a request is seen exactly, in order, with its parameters and its transaction.
import { randomBytes, randomUUID } from 'node:crypto';
import { newTrackingNumber } from '@tongban/domain';

/**
 * Wraps a Db: while `capture(run)` runs, each statement (outside a transaction or inside one) is
 * logged as { tx, kind: 'query' | 'write', text, params, prepare }; a transaction that rolled back
 * is marked so its replay rolls back too.
 */
export function recordingDb(db) {
  let log = null;
  let txSeq = 0;
  const wrap = (sql, tx) => ({
    query(text, params = [], options = {}) {
      log?.push({ tx, kind: 'query', text, params, prepare: options.prepare !== false });
      return sql.query(text, params, options);
    },
    write(text, params = [], options = {}) {
      log?.push({ tx, kind: 'write', text, params, prepare: options.prepare !== false });
      return sql.write(text, params, options);
    },
    copyLines: (select, onLine) => sql.copyLines(select, onLine),
  });
  const recording = {
    ...db,
    ...wrap(db, null),
    transaction(fn) {
      const tx = ++txSeq;
      const mine = log;
      return db
        .transaction((inner) => fn(wrap(inner, tx)))
        .catch((error) => {
          mine?.push({ tx, kind: 'rollback' });
          throw error;
        });
    },
  };
  return {
    db: recording,
    /** Runs `run` and returns its result with the statements sent meanwhile (and for 50 ms after). */
    async capture(run) {
      const statements = [];
      log = statements;
      try {
        const result = await run();
        await new Promise((r) => setTimeout(r, 50));
        return { result, statements };
      } finally {
        log = null;
      }
    },
  };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const TRACKING = /\b\d{6}-[0-9A-Z]{4}-[0-9A-Z]{5}\b/g;

function tokensOf(value, into) {
  if (typeof value === 'string') {
    for (const m of value.matchAll(UUID)) into.add(m[0]);
    for (const m of value.matchAll(TRACKING)) into.add(m[0]);
  } else if (Array.isArray(value)) for (const v of value) tokensOf(v, into);
  return into;
}

/**
 * The identifiers a request created: tokens (UUIDs, tracking numbers) in the parameters of one
 * capture that appear nowhere in a second capture of the same requests for another case. What both
 * share (the item's catalogue version, the data-sharing grant, the session) stays as it was.
 */
export function freshTokens(first, second) {
  const a = new Set();
  const b = new Set();
  for (const s of first) tokensOf(s.params, a);
  for (const s of second) tokensOf(s.params, b);
  return new Set([...a].filter((t) => !b.has(t)));
}

/**
 * The exchanges with the database a request cost: each `query` waits for its answer (queued
 * `write`s travel with it), and each transaction's end is one more (COMMIT with the last writes).
 */
export function roundTrips(statements) {
  const transactions = new Set(statements.filter((s) => s.tx !== null).map((s) => s.tx));
  return statements.filter((s) => s.kind === 'query').length + transactions.size;
}

/** Checks two captures of the same request sent the same statements, so one can stand for both. */
export function assertSameShape(label, first, second) {
  const shape = (xs) => xs.map((s) => `${s.kind}:${s.text ?? ''}`).join('\n');
  if (shape(first) !== shape(second)) throw new Error(`${label}: the two captures sent different statements`);
}

/** A fresh value of the same kind as `token`, remembered in `mapping` (one case's identifiers). */
function freshValue(token, mapping) {
  let value = mapping.get(token);
  if (value === undefined) {
    value =
      token.includes('-') && token.length === 36
        ? randomUUID()
        : newTrackingNumber(`20${token.slice(0, 2)}-${token.slice(2, 4)}-${token.slice(4, 6)}`, (n) => randomBytes(n));
    mapping.set(token, value);
  }
  return value;
}

function substitute(value, fresh, mapping) {
  if (typeof value === 'string') {
    let out = value;
    for (const t of tokensOf(value, new Set())) if (fresh.has(t)) out = out.replaceAll(t, freshValue(t, mapping));
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, fresh, mapping));
  return value;
}

class Rollback extends Error {}

/**
 * Sends a captured request's statements again, in order and in the same transactions, with the
 * request's fresh identifiers replaced through `mapping` (so one case's later requests refer to the
 * rows its filing made). Statements outside a transaction run on the pool as they did.
 */
export async function replay(db, statements, fresh, mapping) {
  const done = new Set();
  for (const s of statements) {
    if (s.kind === 'rollback') continue;
    if (s.tx === null) {
      await db.query(s.text, substitute(s.params, fresh, mapping), { prepare: s.prepare });
      continue;
    }
    if (done.has(s.tx)) continue;
    done.add(s.tx);
    const mine = statements.filter((x) => x.tx === s.tx);
    const rolledBack = mine.some((x) => x.kind === 'rollback');
    await db
      .transaction(async (tx) => {
        for (const x of mine) {
          if (x.kind === 'rollback') continue;
          const params = substitute(x.params, fresh, mapping);
          if (x.kind === 'write') await tx.write(x.text, params, { prepare: x.prepare });
          else await tx.query(x.text, params, { prepare: x.prepare });
        }
        if (rolledBack) throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
  }
}
