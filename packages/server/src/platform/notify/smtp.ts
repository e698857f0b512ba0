import { randomUUID } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';

/**
 * A small SMTP client (RFC 5321) for plain-text notification mails: `smtp://` (optionally
 * upgraded with STARTTLS when the server offers it) or `smtps://` (TLS from the start), AUTH PLAIN
 * when the URL carries credentials. Enough for a relay; no attachments, no pooling.
 */
export type MailMessage = { from: string; to: string; subject: string; text: string };

export type SmtpOptions = { url: string; timeoutMs?: number; heloName?: string; rejectUnauthorized?: boolean };

export async function sendSmtpMail(options: SmtpOptions, message: MailMessage): Promise<void> {
  const url = new URL(options.url);
  const secure = url.protocol === 'smtps:';
  const port = Number(url.port || (secure ? 465 : 587));
  const host = url.hostname;
  const timeoutMs = options.timeoutMs ?? 15_000;
  let socket: net.Socket = secure
    ? tls.connect({ host, port, servername: host, rejectUnauthorized: options.rejectUnauthorized ?? true })
    : net.connect({ host, port });
  socket.setTimeout(timeoutMs);
  let reader = lineReader(socket);
  try {
    await expect(reader, 220);
    const helo = options.heloName ?? 'tongban.local';
    let features = await command(socket, reader, `EHLO ${helo}`, 250);
    if (!secure && features.some((f) => /^STARTTLS\b/i.test(f))) {
      await command(socket, reader, 'STARTTLS', 220);
      socket = tls.connect({ socket, servername: host, rejectUnauthorized: options.rejectUnauthorized ?? true });
      socket.setTimeout(timeoutMs);
      reader = lineReader(socket);
      features = await command(socket, reader, `EHLO ${helo}`, 250);
    }
    if (url.username) {
      const token = Buffer.from(`\0${decodeURIComponent(url.username)}\0${decodeURIComponent(url.password)}`).toString('base64');
      await command(socket, reader, `AUTH PLAIN ${token}`, 235);
    }
    await command(socket, reader, `MAIL FROM:<${addressOf(message.from)}>`, 250);
    await command(socket, reader, `RCPT TO:<${addressOf(message.to)}>`, [250, 251]);
    await command(socket, reader, 'DATA', 354);
    await command(socket, reader, `${formatMessage(message, host)}\r\n.`, 250);
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
  }
}

function addressOf(value: string): string {
  const match = /<([^>]+)>/.exec(value);
  const address = (match ? match[1] : value)?.trim() ?? '';
  if (!/^[^\s<>@]+@[^\s<>@]+$/.test(address)) throw new Error(`not an e-mail address: ${address}`);
  return address;
}

const encodeWord = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`);

function encodeAddress(value: string): string {
  const match = /^(.*)<([^>]+)>\s*$/.exec(value);
  if (!match) return value;
  const name = (match[1] ?? '').trim();
  return name ? `${encodeWord(name)} <${match[2]}>` : `<${match[2]}>`;
}

export function formatMessage(message: MailMessage, host: string): string {
  const body = Buffer.from(message.text.replace(/\r?\n/g, '\r\n')).toString('base64').replace(/.{76}/g, '$&\r\n');
  return [
    `From: ${encodeAddress(message.from)}`,
    `To: ${encodeAddress(message.to)}`,
    `Subject: ${encodeWord(message.subject.replace(/[\r\n]+/g, ' '))}`,
    `Message-ID: <${randomUUID()}@${host}>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

type Reader = { next(): Promise<string> };

function lineReader(socket: net.Socket): Reader {
  let buffer = '';
  const lines: string[] = [];
  const waiters: { resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (error: Error) => {
    failure = error;
    for (const w of waiters.splice(0)) w.reject(error);
  };
  socket.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let i = buffer.indexOf('\n');
    while (i >= 0) {
      const line = buffer.slice(0, i).replace(/\r$/, '');
      buffer = buffer.slice(i + 1);
      const waiter = waiters.shift();
      if (waiter) waiter.resolve(line);
      else lines.push(line);
      i = buffer.indexOf('\n');
    }
  });
  socket.on('error', fail);
  socket.on('timeout', () => {
    fail(new Error('SMTP server timed out'));
    socket.destroy();
  });
  socket.on('close', () => fail(new Error('SMTP connection closed')));
  return {
    next() {
      const line = lines.shift();
      if (line !== undefined) return Promise.resolve(line);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
  };
}

/** Reads one (possibly multi-line) reply; returns its text lines. */
async function expect(reader: Reader, codes: number | number[]): Promise<string[]> {
  const wanted = Array.isArray(codes) ? codes : [codes];
  const text: string[] = [];
  for (;;) {
    const line = await reader.next();
    const code = Number(line.slice(0, 3));
    text.push(line.slice(4));
    if (line[3] === '-') continue;
    if (!wanted.includes(code)) throw new Error(`SMTP server answered ${line}`);
    return text;
  }
}

async function command(socket: net.Socket, reader: Reader, line: string, codes: number | number[]): Promise<string[]> {
  socket.write(`${line}\r\n`);
  return expect(reader, codes);
}
