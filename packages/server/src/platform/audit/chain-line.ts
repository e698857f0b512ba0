import { hash } from 'node:crypto';
import { parseCopyLine } from '../db/copy-text.ts';
import { canonicalDetail, canonicalEntry, chainHash, type EntryRow, entryFromText } from './canonical.ts';

/**
 * The verifier's hot loop, on the bytes of one COPY line of chain rows: position, entry id,
 * prev_hash, hash, then the entry's columns in canonical key order (`ENTRY_COLUMNS_SQL`, all NULL
 * when the entry is gone). The canonical form is mostly those bytes in that order, with the keys
 * between them: each text column that needs no JSON escaping is copied as it is, between quotes,
 * into a scratch buffer after the prev hash, and the buffer is hashed — no strings are made but
 * the detail's (parsed and re-serialised with sorted keys) and the two hashes. Any line this does
 * not cover (an escape other than NULL, a character JSON escapes, an id beyond 2^53) takes the
 * string path, `canonicalEntry`, which the sealer uses too; a test checks the two agree.
 */
export type ChainLine = {
  position: number;
  entryId: number;
  prevHash: string;
  hash: string;
  /** sha256(prev_hash ‖ canonical(entry)), what `hash` must be; null when the entry is gone. */
  expectedHash: string | null;
};

const TAB = 0x09;
const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const ENTRY_AT = 4;
/** The keys before each entry column, in canonical order, and the closing brace. */
const KEYS = [
  '{"action":',
  ',"actor_id":',
  ',"actor_type":',
  ',"detail":',
  ',"id":',
  ',"occurred_at":',
  ',"request_id":',
  ',"stream":',
  ',"subject":',
  ',"target_id":',
  ',"target_type":',
  ',"tx_id":',
  '}',
].map((k) => Buffer.from(k));
const DETAIL = 3;
const ID = 4;
const NULL = Buffer.from('null');
const DIGIT_0 = 0x30;
const COLUMNS = ENTRY_AT + KEYS.length - 1;

let scratch = Buffer.allocUnsafe(1 << 16);
const starts = new Int32Array(COLUMNS + 1);

/** Reads one line; `line` is only valid during the call. */
export function readChainLine(line: Buffer): ChainLine {
  // Column boundaries: starts[i] is where column i begins, starts[i + 1] - 1 where it ends.
  let at = 0;
  let count = 0;
  while (count < COLUMNS) {
    starts[count++] = at;
    const tab = line.indexOf(TAB, at);
    if (tab === -1) break;
    at = tab + 1;
  }
  starts[count] = line.length + 1;
  if (count !== COLUMNS) throw new Error(`a chain line has ${count} columns, not ${COLUMNS}`);
  const text = (i: number) => line.toString('utf8', starts[i] as number, (starts[i + 1] as number) - 1);
  const row: ChainLine = { position: integer(line, 0), entryId: integer(line, 1), prevHash: text(2), hash: text(3), expectedHash: null };
  if (isNull(line, ENTRY_AT + ID)) return row;
  const fast = canonicalBytes(line);
  row.expectedHash = fast > 0 ? hash('sha256', scratch.subarray(0, fast), 'hex') : stringPath(line, row.prevHash);
  return row;
}

/**
 * What the byte-level path hashes after the prev hash — the canonical form of the line's entry —
 * or undefined when the line takes the string path (or has no entry). For tests.
 */
export function canonicalBytesOfLine(line: Buffer): Buffer | undefined {
  readChainLine(line);
  if (isNull(line, ENTRY_AT + ID)) return undefined;
  const length = canonicalBytes(line);
  const prevLength = (starts[3] as number) - 1 - (starts[2] as number);
  return length > 0 ? Buffer.from(scratch.subarray(prevLength, length)) : undefined;
}

/** The entry of a chain line (for classifying a mismatch); null when it is gone. */
export function entryOfChainLine(line: Buffer): EntryRow | null {
  return entryFromText(parseCopyLine(line), ENTRY_AT);
}

function stringPath(line: Buffer, prevHash: string): string {
  return chainHash(prevHash, canonicalEntry(entryOfChainLine(line) as EntryRow));
}

/** A bigint column (digits only, as PostgreSQL writes them) as a number. */
function integer(line: Buffer, column: number): number {
  let value = 0;
  for (let i = starts[column] as number, end = (starts[column + 1] as number) - 1; i < end; i++)
    value = value * 10 + (line[i] as number) - DIGIT_0;
  return value;
}

function isNull(line: Buffer, column: number): boolean {
  const start = starts[column] as number;
  return (starts[column + 1] as number) - 1 - start === 2 && line[start] === BACKSLASH && line[start + 1] === 0x4e;
}

/** prev_hash ‖ canonical(entry) into `scratch`; its length, or -1 when the string path must do it. */
function canonicalBytes(line: Buffer): number {
  const detailStart = starts[ENTRY_AT + DETAIL] as number;
  const detailEnd = (starts[ENTRY_AT + DETAIL + 1] as number) - 1;
  const backslash = line.indexOf(BACKSLASH, detailStart);
  if (backslash !== -1 && backslash < detailEnd) return -1;
  const detail = canonicalDetail(JSON.parse(line.toString('utf8', detailStart, detailEnd)));
  // Text columns are copied at most as they are; the detail may grow to three bytes a character.
  const room = line.length + 256 + detail.length * 3;
  if (scratch.length < room) scratch = Buffer.allocUnsafe(room * 2);
  let out = copyRaw(line, 2, 0);
  if (out < 0) return -1;
  for (let k = 0; k < KEYS.length - 1; k++) {
    out = copyConstant(KEYS[k] as Buffer, out);
    const column = ENTRY_AT + k;
    if (k === DETAIL) out += scratch.write(detail, out);
    else if (k === ID) {
      // The sealer writes the id as a JavaScript number: digits as stored, up to 2^53.
      const start = starts[column] as number;
      const length = (starts[column + 1] as number) - 1 - start;
      if (length > 15) return -1;
      out = copyRaw(line, column, out);
      if (out < 0) return -1;
    } else if (isNull(line, column)) out = copyConstant(NULL, out);
    else {
      scratch[out++] = QUOTE;
      out = copyRaw(line, column, out);
      if (out < 0) return -1;
      scratch[out++] = QUOTE;
    }
  }
  return copyConstant(KEYS[KEYS.length - 1] as Buffer, out);
}

// Byte loops rather than Buffer#copy: for a few bytes the call costs more than the copy.
function copyConstant(bytes: Buffer, out: number): number {
  let o = out;
  for (let i = 0; i < bytes.length; i++) scratch[o++] = bytes[i] as number;
  return o;
}

/** Copies a column that needs no JSON escaping; -1 if it does (or holds a COPY escape). */
function copyRaw(line: Buffer, column: number, out: number): number {
  const end = (starts[column + 1] as number) - 1;
  let o = out;
  for (let i = starts[column] as number; i < end; i++) {
    const byte = line[i] as number;
    if (byte < 0x20 || byte === QUOTE || byte === BACKSLASH) return -1;
    scratch[o++] = byte;
  }
  return o;
}
