import { once } from 'node:events';
import { createConnection, type Socket } from 'node:net';
import type { ScanInput, Scanner, ScanResult } from './scanner.ts';

export type ClamavOptions = {
  host: string;
  port: number;
  /** Socket inactivity limit; a stalled clamd fails the scan (and so the upload). */
  timeoutMs: number;
};

/** Largest chunk sent in one INSTREAM frame. */
const MAX_FRAME = 64 * 1024;

/**
 * ClamAV through clamd's `INSTREAM` command over TCP (clamd.conf: `TCPSocket 3310`, and
 * `StreamMaxLength` at least UPLOAD_MAX_BYTES). Protocol (clamd(8)): send `zINSTREAM\0`, then
 * frames of a 4-byte big-endian length followed by that many bytes, then a zero-length frame;
 * clamd answers `stream: OK`, `stream: <signature> FOUND` or `<message> ERROR`, NUL-terminated.
 * Any answer other than OK/FOUND, a refused connection or a timeout throws, and the intake
 * refuses the upload (fail closed).
 */
export function createClamavScanner(options: ClamavOptions): Scanner & { ping(): Promise<boolean> } {
  return {
    name: 'clamav',
    async scan(input: ScanInput): Promise<ScanResult> {
      const socket = await connect(options);
      const reply = collectReply(socket);
      reply.catch(() => {});
      try {
        await write(socket, Buffer.from('zINSTREAM\0', 'latin1'));
        const chunks = input instanceof Uint8Array ? [input] : input;
        for await (const chunk of chunks) {
          for (let offset = 0; offset < chunk.byteLength; offset += MAX_FRAME) {
            const piece = chunk.subarray(offset, Math.min(chunk.byteLength, offset + MAX_FRAME));
            const length = Buffer.alloc(4);
            length.writeUInt32BE(piece.byteLength);
            await write(socket, length);
            await write(socket, piece);
          }
        }
        await write(socket, Buffer.alloc(4));
      } catch (error) {
        // clamd hangs up mid-stream when StreamMaxLength is exceeded; its reply says why.
        const text = await reply.catch(() => '');
        socket.destroy();
        throw new Error(`clamd INSTREAM failed${text ? `: ${text}` : ''}`, { cause: error });
      }
      return parseReply(await reply);
    },
    async ping(): Promise<boolean> {
      const socket = await connect(options);
      const reply = collectReply(socket);
      reply.catch(() => {});
      await write(socket, Buffer.from('zPING\0', 'latin1'));
      return (await reply) === 'PONG';
    },
  };
}

/** `stream: OK` → clean; `stream: Eicar-Signature FOUND` → infected; anything else is an error. */
export function parseReply(text: string): ScanResult {
  if (/^stream: OK$/.test(text)) return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(text);
  if (found?.[1]) return { clean: false, signature: found[1] };
  throw new Error(`clamd answered: ${text.slice(0, 200)}`);
}

async function connect(options: ClamavOptions): Promise<Socket> {
  const socket = createConnection({ host: options.host, port: options.port });
  socket.setTimeout(options.timeoutMs, () => socket.destroy(new Error('clamd timed out')));
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

function write(socket: Socket, data: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** Everything clamd says until it closes the connection or sends NUL. */
function collectReply(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const done = () => {
      socket.destroy();
      resolve(
        Buffer.concat(parts)
          .toString('utf8')
          .replace(/\0[\s\S]*$/, '')
          .trim(),
      );
    };
    socket.on('data', (data: Buffer) => {
      parts.push(data);
      if (data.includes(0)) done();
    });
    socket.on('end', done);
    socket.on('close', (hadError) => (hadError ? reject(new Error('clamd connection failed')) : done()));
  });
}
