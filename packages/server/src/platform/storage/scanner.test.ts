import { createServer, type Server } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createClamavScanner, parseReply } from './clamav-scanner.ts';
import { createEicarScanner, EICAR_SIGNATURE, EICAR_TEST_STRING, startScan } from './scanner.ts';

const eicar = Buffer.from(EICAR_TEST_STRING, 'latin1');

function chunked(data: Buffer, at: number[]): Buffer[] {
  const out: Buffer[] = [];
  let from = 0;
  for (const cut of [...at, data.length]) {
    out.push(data.subarray(from, cut));
    from = cut;
  }
  return out;
}

describe('built-in EICAR scanner', () => {
  const scanner = createEicarScanner();

  it('is the 68-byte string of the EICAR specification', () => {
    expect(eicar.length).toBe(68);
    expect(EICAR_TEST_STRING.startsWith('X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-')).toBe(true);
    expect(EICAR_TEST_STRING.endsWith('-FILE!$H+H*')).toBe(true);
  });

  it('finds the test file itself, as a buffer and as a stream', async () => {
    expect(await scanner.scan(eicar)).toEqual({ clean: false, signature: EICAR_SIGNATURE });
    expect(await scanner.scan(Readable.from([eicar]))).toEqual({ clean: false, signature: EICAR_SIGNATURE });
  });

  it('finds it inside a larger file', async () => {
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(100_000, 0x20), eicar, Buffer.from('\n%%EOF')]);
    expect(await scanner.scan(Readable.from([file]))).toMatchObject({ clean: false });
  });

  it('finds it split across two chunks at every possible position', async () => {
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), eicar, Buffer.from('\n%%EOF')]);
    for (let cut = 10; cut < 9 + eicar.length; cut++) {
      expect(await scanner.scan(Readable.from(chunked(file, [cut])))).toMatchObject({ clean: false });
    }
  });

  it('finds it when it arrives a byte at a time', async () => {
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), eicar]);
    const bytes = [...file].map((b) => Buffer.from([b]));
    expect(await scanner.scan(Readable.from(bytes))).toMatchObject({ clean: false });
  });

  it('passes clean files and near misses', async () => {
    expect(await scanner.scan(Readable.from([Buffer.from('%PDF-1.7 nothing here')]))).toEqual({ clean: true });
    const almost = Buffer.from(eicar);
    almost[40] = 0x21;
    expect(await scanner.scan(Readable.from(chunked(almost, [30])))).toEqual({ clean: true });
  });
});

describe('scan session (scanner fed alongside the store)', () => {
  it('reports an infection as soon as the scanner has one', async () => {
    const session = startScan(createEicarScanner());
    await session.write(Buffer.from('%PDF-1.7\n'));
    await session.write(eicar);
    await new Promise((resolve) => setImmediate(resolve));
    expect(session.early()).toMatchObject({ clean: false });
    expect(await session.finish()).toMatchObject({ clean: false });
  });

  it('rethrows a scanner failure at the end', async () => {
    const session = startScan({
      name: 'broken',
      async scan() {
        throw new Error('engine down');
      },
    });
    await session.write(Buffer.alloc(10));
    await new Promise((resolve) => setImmediate(resolve));
    expect(session.failure()).toBeDefined();
    await expect(session.finish()).rejects.toThrow('engine down');
  });

  it('does not deadlock when a slow scanner stops reading early', async () => {
    const session = startScan({
      name: 'quits',
      async scan(input) {
        if (input instanceof Uint8Array) return { clean: true };
        for await (const _ of input) return { clean: false, signature: 'Quit' };
        return { clean: true };
      },
    });
    for (let i = 0; i < 40; i++) await session.write(Buffer.alloc(64 * 1024));
    expect(await session.finish()).toEqual({ clean: false, signature: 'Quit' });
  });
});

// No clamd runs here: this fake speaks the documented INSTREAM protocol (clamd(8)), so it checks
// our framing and reply parsing, not ClamAV itself.
describe('ClamAV INSTREAM client (against a fake clamd)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  async function fakeClamd(maxStream = Number.POSITIVE_INFINITY): Promise<{ port: number; received: Buffer[] }> {
    const received: Buffer[] = [];
    server = createServer((socket) => {
      let buf = Buffer.alloc(0);
      let command: string | undefined;
      const body: Buffer[] = [];
      let total = 0;
      socket.on('data', (data) => {
        buf = Buffer.concat([buf, data]);
        if (command === undefined) {
          const nul = buf.indexOf(0);
          if (nul < 0) return;
          command = buf.subarray(0, nul).toString('latin1');
          buf = buf.subarray(nul + 1);
          if (command === 'zPING') {
            socket.end('PONG\0');
            return;
          }
        }
        while (buf.length >= 4) {
          const length = buf.readUInt32BE(0);
          if (length === 0) {
            const all = Buffer.concat(body);
            received.push(all);
            socket.end(all.includes(eicar) ? 'stream: Win.Test.EICAR_HDB-1 FOUND\0' : 'stream: OK\0');
            return;
          }
          if (buf.length < 4 + length) return;
          total += length;
          if (total > maxStream) {
            socket.end('INSTREAM size limit exceeded. ERROR\0');
            return;
          }
          body.push(buf.subarray(4, 4 + length));
          buf = buf.subarray(4 + length);
        }
      });
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    return { port: address.port, received };
  }

  it('sends the bytes in length-prefixed frames and reads a clean verdict', async () => {
    const { port, received } = await fakeClamd();
    const scanner = createClamavScanner({ host: '127.0.0.1', port, timeoutMs: 5000 });
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200_000, 0x41)]);
    expect(await scanner.scan(Readable.from(chunked(file, [3, 70_000])))).toEqual({ clean: true });
    expect(received[0]?.equals(file)).toBe(true);
    expect(await scanner.ping()).toBe(true);
  });

  it('reports the signature clamd found', async () => {
    const { port } = await fakeClamd();
    const scanner = createClamavScanner({ host: '127.0.0.1', port, timeoutMs: 5000 });
    expect(await scanner.scan(Buffer.concat([Buffer.from('%PDF-1.7\n'), eicar]))).toEqual({
      clean: false,
      signature: 'Win.Test.EICAR_HDB-1',
    });
  });

  it('fails (never passes) when clamd refuses the stream or is not there', async () => {
    const { port } = await fakeClamd(1000);
    const scanner = createClamavScanner({ host: '127.0.0.1', port, timeoutMs: 5000 });
    await expect(scanner.scan(Buffer.alloc(5000))).rejects.toThrow(/size limit exceeded/);
    server?.close();
    server = undefined;
    await expect(scanner.scan(Buffer.alloc(10))).rejects.toThrow();
  });

  it('parses replies strictly', () => {
    expect(parseReply('stream: OK')).toEqual({ clean: true });
    expect(parseReply('stream: Eicar-Signature FOUND')).toEqual({ clean: false, signature: 'Eicar-Signature' });
    expect(() => parseReply('stream: OK FOUND ERROR garbage')).toThrow();
    expect(() => parseReply('')).toThrow();
  });
});
