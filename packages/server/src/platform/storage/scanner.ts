import { once } from 'node:events';
import { PassThrough } from 'node:stream';

/**
 * A malware scanner. The intake streams every upload through one while storing it and refuses
 * the file unless the verdict is clean. Implementations: the built-in EICAR check (below) and
 * ClamAV's clamd (`clamav-scanner.ts`); anything else fits by implementing `scan`.
 */
export type Scanner = {
  readonly name: string;
  /**
   * Reads the bytes (it may stop early once it has a verdict) and says whether they are clean.
   * Throws when it cannot decide (engine down, timeout): the intake then refuses the upload.
   */
  scan(input: ScanInput): Promise<ScanResult>;
};

export type ScanInput = AsyncIterable<Uint8Array> | Uint8Array;
export type ScanResult = { clean: true } | { clean: false; signature: string };

/**
 * The EICAR anti-virus test file (https://www.eicar.org). Assembled from halves so this source
 * file is not itself reported by a virus scanner on a developer's machine.
 */
export const EICAR_TEST_STRING = `${'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR'}${'-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'}`;
export const EICAR_SIGNATURE = 'EICAR-Test-File';

/**
 * The default scanner. It only knows the EICAR test string — enough to prove the scanning path
 * works end to end, not protection; production plugs in ClamAV (see README.md). The EICAR spec
 * only requires a match at the start of a file of ≤ 128 bytes; this one looks anywhere in the
 * stream (a stricter superset), since an accepted upload must begin with a PDF/image/ZIP header
 * and the test string would otherwise never reach the scanner. Chunk boundaries are handled by
 * carrying the last 67 bytes over.
 */
export function createEicarScanner(): Scanner {
  const needle = Buffer.from(EICAR_TEST_STRING, 'latin1');
  const infected: ScanResult = { clean: false, signature: EICAR_SIGNATURE };
  return {
    name: 'builtin-eicar',
    async scan(input: ScanInput): Promise<ScanResult> {
      if (input instanceof Uint8Array)
        return Buffer.from(input.buffer, input.byteOffset, input.byteLength).includes(needle) ? infected : { clean: true };
      let carry = Buffer.alloc(0);
      for await (const chunk of input) {
        const window = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        if (window.includes(needle)) return infected;
        carry = Buffer.from(window.subarray(Math.max(0, window.length - (needle.length - 1))));
      }
      return { clean: true };
    },
  };
}

/**
 * Feeds a scanner in step with another consumer (the store): chunks are written as they pass,
 * with backpressure, and the verdict is awaited at the end. A scanner that has already decided
 * (or failed) stops receiving chunks.
 */
export type ScanSession = {
  write(chunk: Uint8Array): Promise<void>;
  /** The verdict once known early (infected found mid-stream), else undefined. */
  early(): ScanResult | undefined;
  /** The scanner's error once it has failed (so the caller can stop early), else undefined. */
  failure(): { error: unknown } | undefined;
  finish(): Promise<ScanResult>;
  abort(): void;
};

export function startScan(scanner: Scanner): ScanSession {
  const pipe = new PassThrough({ highWaterMark: 1024 * 1024 });
  pipe.on('error', () => {});
  let verdict: ScanResult | undefined;
  let failure: { error: unknown } | undefined;
  const settled = scanner.scan(pipe).then(
    (result) => {
      verdict = result;
    },
    (error: unknown) => {
      failure = { error };
    },
  );
  return {
    async write(chunk) {
      if (verdict || failure || pipe.destroyed) return;
      if (!pipe.write(chunk)) await Promise.race([once(pipe, 'drain').catch(() => {}), settled]);
    },
    early: () => (verdict && !verdict.clean ? verdict : undefined),
    failure: () => failure,
    async finish() {
      if (!pipe.destroyed) pipe.end();
      await settled;
      if (failure) throw failure.error;
      if (!verdict) throw new Error(`scanner ${scanner.name} gave no verdict`);
      return verdict;
    },
    abort() {
      pipe.destroy();
    },
  };
}
