import type { Db, Sql } from '../db/db.ts';
import { ENTRY_COLUMNS_SQL } from './canonical.ts';

/**
 * How the verifier reads the chain: pages of positions, each one short transaction with the
 * page's checkpoints and one COPY of its chain rows joined to their entries.
 */

export type CheckpointRow = { position: number; head_hash: string; signed_at: Date; key_id: string; signature: string };

/**
 * The chain rows at positions (from, to] of the stream named by the setting `tongban.verify_stream`
 * (COPY takes no parameters), with their entries, in position order: position, entry id, prev hash,
 * hash, then `ENTRY_COLUMNS_SQL` (all null when the entry is gone).
 */
export const chainRowsSql = (from: number, to: number) => `select c.position, c.entry_id, c.prev_hash, c.hash, ${ENTRY_COLUMNS_SQL}
  from audit_chain c left join audit_log l on l.id = c.entry_id
  where c.stream = current_setting('tongban.verify_stream') and c.position > ${from} and c.position <= ${to}
  order by c.position`;

/**
 * Names the stream for `chainRowsSql` in the page's transaction, and makes the page stream in
 * position order from its first row, so that Node checks rows while the database reads the next
 * ones. Left to itself the planner sorts a large chain's page (to disk, with parallel workers and
 * JIT): the first row came after 120 ms of a 160 ms page, and Node and the database took turns. An
 * ordered walk of the chain's primary key, joined row by row to the entries, takes 80 ms and sends
 * its first row at once. A plan test holds this.
 */
export async function preparePageTransaction(tx: Sql, stream: string): Promise<void> {
  await tx.query(
    `select set_config('tongban.verify_stream', $1, true), set_config('enable_sort', 'off', true),
            set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`,
    [stream],
  );
}

/**
 * Reads the chain rows at positions (from, to] and the checkpoints among them, in one short
 * transaction: first the checkpoints, then the rows' COPY lines as they arrive (see
 * `readChainLine`; a line is valid only during the call). Resolves to the number of rows.
 */
export async function readChainPage(
  db: Db,
  stream: string,
  from: number,
  to: number,
  page: { onCheckpoints(checkpoints: CheckpointRow[]): void; onLine(line: Buffer): void },
): Promise<number> {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) throw new Error(`bad chain page (${from}, ${to}]`);
  return db.transaction(async (tx) => {
    await preparePageTransaction(tx, stream);
    const checkpoints = await tx.query<CheckpointRow>(
      `select position, head_hash, signed_at, key_id, signature from audit_checkpoint
       where stream = $1 and position > $2 and position <= $3 order by position`,
      [stream, from, to],
    );
    page.onCheckpoints(checkpoints);
    return tx.copyLines(chainRowsSql(from, to), page.onLine);
  });
}
