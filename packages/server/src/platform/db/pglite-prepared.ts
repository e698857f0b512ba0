import { type PGlite, parse, protocol } from '@electric-sql/pglite';
import { isStalePlan, type Row } from './db.ts';

/**
 * Prepared statements for PGlite. Its `query` parses and plans every statement afresh, through
 * six calls into the WebAssembly engine (parse, describe, bind, describe, execute, sync); a
 * filing runs about twenty statements, so on the embedded database most of a request's time went
 * to parsing and planning the same texts again. Here each distinct text is parsed once under a
 * name (with its result columns), and every later call only binds and executes it, in one call
 * into the engine. PostgreSQL keeps the plan with the statement and replans by itself when a
 * table it uses changes.
 *
 * Prepared statements belong to the session, not to a transaction: one prepared inside a
 * transaction that rolls back stays prepared. A statement whose columns changed under it
 * (`select *` after a migration added a column: "cached plan must not change result type") is
 * dropped and, outside a transaction, prepared again and rerun; inside one, that transaction fails
 * once. At most `capacity` texts stay prepared; the least recently used is closed when a new one
 * needs its place (dynamic texts cannot grow without bound).
 *
 * This uses PGlite's two mutexes the way its own `query` and `transaction` do (`_runExclusive…`,
 * public in JavaScript, underscored as internal): a statement outside a transaction waits for any
 * transaction to end; inside one it only waits for the previous statement.
 *
 * A statement's result columns are the RowDescription its describe answered at prepare time. They
 * cannot change under the name — PostgreSQL refuses a replan that would change them — so each run
 * needs no describe of its own.
 */
type Statement = { name: string; paramTypes: number[]; columns: BackendMessage | undefined };
type BackendMessage = Parameters<typeof parse.parseResults>[0][number];

type PgliteInternals = {
  parsers: Parameters<typeof parse.parseResults>[1];
  serializers: Record<number | string, (value: unknown) => string>;
  _checkReady(): Promise<void>;
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
};

const { serialize } = protocol;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export type PreparedRunner = (text: string, params: readonly unknown[], inTransaction: boolean) => Promise<Row[]>;

export function preparedStatements(pglite: PGlite, capacity = 500): PreparedRunner {
  const internals = pglite as unknown as PgliteInternals;
  // Map order is use order: the first entry is the least recently used.
  const statements = new Map<string, Statement>();
  let counter = 0;
  // Statements to close with the next prepare (dropped after their result type changed).
  const dropped: Statement[] = [];

  async function prepare(text: string): Promise<Statement> {
    const name = `tb_p${++counter}`;
    const evicted: Statement[] = dropped.splice(0);
    for (const [oldText, old] of statements) {
      if (statements.size < capacity) break;
      evicted.push(old);
      statements.delete(oldText);
    }
    const messages = await pglite.execProtocolStream(
      concat([
        ...evicted.map((old) => serialize.close({ type: 'S', name: old.name })),
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      columns: messages.find((m) => m.name === 'rowDescription'),
    };
    statements.set(text, statement);
    return statement;
  }

  async function run(text: string, params: readonly unknown[]): Promise<Row[]> {
    let statement = statements.get(text);
    if (statement) {
      statements.delete(text);
      statements.set(text, statement);
    } else {
      statement = await prepare(text);
    }
    const types = statement.paramTypes;
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const toText = internals.serializers[types[i] ?? 0];
      return toText ? toText(value) : String(value);
    });
    const messages = await pglite.execProtocolStream(
      concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]),
      { syncToFs: false },
    );
    if (statement.columns) messages.unshift(statement.columns);
    return (parse.parseResults(messages, internals.parsers)[0]?.rows ?? []) as Row[];
  }

  async function runOrReprepare(text: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[]> {
    try {
      return await run(text, params);
    } catch (error) {
      if (!isStalePlan(error)) throw error;
      const stale = statements.get(text);
      statements.delete(text);
      if (stale) dropped.push(stale);
      if (inTransaction) throw error;
      return run(text, params);
    }
  }

  return async (text, params, inTransaction) => {
    if (inTransaction) return internals._runExclusiveQuery(() => runOrReprepare(text, params, true));
    await internals._checkReady();
    const rows = await internals._runExclusiveTransaction(() => internals._runExclusiveQuery(() => runOrReprepare(text, params, false)));
    await pglite.syncToFs();
    return rows;
  };
}
