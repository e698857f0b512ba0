import net from 'node:net';
import { createManualClock } from '@tongban/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { deliverOutbound, enqueueNotification } from './notify.ts';
import { createLoggingSmsProvider } from './sms.ts';
import { sendSmtpMail } from './smtp.ts';

/** A tiny SMTP server that accepts one conversation and records it. */
function fakeSmtpServer(): Promise<{ port: number; transcript: string[]; close(): void }> {
  const transcript: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i = buffer.indexOf('\r\n');
      while (i >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        transcript.push(line);
        if (data) {
          if (line === '.') {
            data = false;
            socket.write('250 queued\r\n');
          }
        } else if (line.startsWith('EHLO')) socket.write('250-fake\r\n250 AUTH PLAIN\r\n');
        else if (line.startsWith('AUTH PLAIN')) socket.write('235 ok\r\n');
        else if (line === 'DATA') {
          data = true;
          socket.write('354 go\r\n');
        } else if (line === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
        i = buffer.indexOf('\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () =>
      resolve({ port: (server.address() as net.AddressInfo).port, transcript, close: () => server.close() }),
    );
  });
}

describe('SMTP client', () => {
  it('sends a UTF-8 plain-text mail with AUTH PLAIN', async () => {
    const server = await fakeSmtpServer();
    try {
      await sendSmtpMail(
        { url: `smtp://user%40x:p%40ss@127.0.0.1:${server.port}` },
        { from: '通办 <noreply@tongban.test>', to: 'alice@example.cn', subject: '办件状态更新', text: '您的办件已受理。\n谢谢。' },
      );
      expect(server.transcript).toContain('MAIL FROM:<noreply@tongban.test>');
      expect(server.transcript).toContain('RCPT TO:<alice@example.cn>');
      expect(
        server.transcript.some((l) => l.startsWith('AUTH PLAIN ') && Buffer.from(l.slice(11), 'base64').toString() === '\0user@x\0p@ss'),
      ).toBe(true);
      expect(server.transcript.some((l) => l.startsWith('Subject: =?UTF-8?B?'))).toBe(true);
      const body = server.transcript.slice(server.transcript.indexOf('') + 1, server.transcript.indexOf('.')).join('');
      expect(Buffer.from(body, 'base64').toString()).toBe('您的办件已受理。\r\n谢谢。');
    } finally {
      server.close();
    }
  });

  it('fails clearly when the server refuses', async () => {
    await expect(
      sendSmtpMail({ url: 'smtp://127.0.0.1:1', timeoutMs: 2000 }, { from: 'a@b.c', to: 'd@e.f', subject: 's', text: 't' }),
    ).rejects.toThrow();
  });
});

describe('outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.platform.jobs.ensureQueue('notify.send');
  });
  afterAll(() => t?.close());

  it('writes the inbox entry and queued messages with the change, and sends each once', async () => {
    const { db, jobs, log } = t.app.platform;
    const clock = createManualClock();
    await db.transaction((tx) =>
      enqueueNotification(tx, jobs, clock.now(), {
        recipient: { type: 'person', idNumber: '110101199003070000' },
        kind: 'test',
        title: '标题',
        body: '正文',
        email: 'x@example.cn',
        mobile: '13800000009',
      }),
    );
    const messages = await db.query<{ id: string; channel: string }>('select id, channel from outbound_message order by channel');
    expect(messages.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(await db.query(`select 1 from pgboss.job where name = 'notify.send'`)).toHaveLength(2);
    const sent: string[] = [];
    const channels = { email: undefined, sms: { ...createLoggingSmsProvider(log), send: async (to: string) => void sent.push(to) } };
    const deps = { db, clock, channels, from: 'noreply@tongban.test' };
    expect(await deliverOutbound(deps, messages[0]?.id as string)).toBe('captured');
    expect(await deliverOutbound(deps, messages[1]?.id as string)).toBe('sent');
    expect(await deliverOutbound(deps, messages[1]?.id as string)).toBe('skipped');
    expect(sent).toEqual(['13800000009']);
    // A rolled-back change leaves nothing behind.
    await db
      .transaction(async (tx) => {
        await enqueueNotification(tx, jobs, clock.now(), {
          recipient: { type: 'staff', staffId: 's1' },
          kind: 'test',
          title: 't',
          body: 'b',
          email: 'y@example.cn',
        });
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(await db.query(`select 1 from notification where recipient_id = 's1'`)).toEqual([]);
    expect(await db.query(`select 1 from outbound_message where recipient = 'y@example.cn'`)).toEqual([]);
  });
});
