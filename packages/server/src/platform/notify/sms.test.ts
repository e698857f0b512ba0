import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createChannels } from './notify.ts';
import { createFileSmsProvider } from './sms.ts';

const dir = mkdtempSync(join(tmpdir(), 'tongban-sms-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the file SMS channel (development)', () => {
  it('appends each message to the number’s own file', async () => {
    const sms = createFileSmsProvider(join(dir, 'out'));
    await sms.send('13800000001', '验证码 123456');
    await sms.send('13800000001', '第二条');
    await sms.send('../../etc/passwd', 'x');
    const lines = readFileSync(join(dir, 'out', '13800000001.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).text);
    expect(lines).toEqual(['验证码 123456', '第二条']);
    expect(readFileSync(join(dir, 'out', 'other.jsonl'), 'utf8')).toContain('"x"');
  });

  it('is refused in production', () => {
    const config = loadConfig({ NODE_ENV: 'production', SMS_PROVIDER: 'file', SMS_FILE_DIR: dir });
    expect(() => createChannels(config, {} as never)).toThrow(/not in production/);
  });
});
