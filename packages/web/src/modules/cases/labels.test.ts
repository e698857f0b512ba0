import { describe, expect, it } from 'vitest';
import { messageIn, paren } from './labels.ts';

describe('case labels', () => {
  it('keeps the half of a bilingual server message in the reader’s language', () => {
    const upload = '不支持的文件类型（.txt，text/plain）。仅接受：PDF, JPEG。File type .txt is not accepted. Accepted: PDF, JPEG.';
    expect(messageIn(upload, 'zh-CN')).toBe('不支持的文件类型（.txt，text/plain）。仅接受：PDF, JPEG。');
    expect(messageIn(upload, 'en-US')).toBe('File type .txt is not accepted. Accepted: PDF, JPEG.');
    expect(messageIn('文件超过 20 MB 上限。The file is larger than 20 MB.', 'en-US')).toBe('The file is larger than 20 MB.');
    expect(messageIn('only one language', 'zh-CN')).toBe('only one language');
  });

  it('brackets an aside as each language writes it', () => {
    expect(paren('经办人', 'zh-CN')).toBe('（经办人）');
    expect(paren('agent', 'en-US')).toBe(' (agent)');
  });
});
