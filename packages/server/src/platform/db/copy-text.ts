/**
 * PostgreSQL's COPY text format, read side: rows end with a newline, columns are separated by
 * tabs, SQL NULL is `\N`, and backslash escapes the few characters that would break that framing
 * (backslash itself, newline, carriage return, tab, backspace, form feed, vertical tab). COPY TO
 * writes nothing else escaped, so a raw newline byte always ends a row and a raw tab always ends a
 * column.
 */
export type CopyRow = (string | null)[];

const ESCAPED: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** One line (without its newline, as bytes or text) into its columns. */
export function parseCopyLine(line: Uint8Array | string): CopyRow {
  const text = typeof line === 'string' ? line : Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8');
  const columns: CopyRow = text.split('\t');
  // Without a backslash there is neither an escape nor a NULL: the common case costs one scan.
  if (text.indexOf('\\') === -1) return columns;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i] as string;
    if (column === '\\N') columns[i] = null;
    else if (column.indexOf('\\') !== -1) columns[i] = column.replace(/\\(.)/gs, (_, c: string) => ESCAPED[c] ?? c);
  }
  return columns;
}

/**
 * Turns COPY output arriving in pieces (one or more rows per piece, or a row split over several)
 * into lines, each handed on as the bytes between two newlines. A line is a view into a buffer
 * that may be reused: it is valid only during the call.
 */
export function copyLineReader(onLine: (line: Buffer) => void): { push(chunk: Uint8Array): void; end(): void } {
  let pending: Buffer[] = [];
  const emitAll = (bytes: Buffer) => {
    let start = 0;
    for (let nl = bytes.indexOf(0x0a); nl !== -1; nl = bytes.indexOf(0x0a, start)) {
      onLine(bytes.subarray(start, nl));
      start = nl + 1;
    }
  };
  return {
    push(chunk) {
      if (chunk.byteLength === 0) return;
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (bytes[bytes.length - 1] !== 0x0a) {
        // The caller may reuse its buffer: keep a copy until the line is complete.
        pending.push(Buffer.from(bytes));
        return;
      }
      if (pending.length > 0) {
        pending.push(bytes);
        const whole = Buffer.concat(pending);
        pending = [];
        emitAll(whole);
      } else if (bytes.indexOf(0x0a) === bytes.length - 1) {
        // PostgreSQL sends one row per message: no need to look for more.
        onLine(bytes.subarray(0, bytes.length - 1));
      } else {
        emitAll(bytes);
      }
    },
    end() {
      if (pending.length > 0) throw new Error('COPY output ended in the middle of a row');
    },
  };
}
