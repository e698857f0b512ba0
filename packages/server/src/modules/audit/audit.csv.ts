import type { AuditEntry } from '@tongban/domain';

/**
 * The audit export as CSV for spreadsheet users: UTF-8 with a byte-order mark (without it Excel
 * reads the file as the system code page and the Chinese is garbled), CRLF line ends (RFC 4180),
 * times in the city's zone, and no cell that a spreadsheet would run as a formula.
 */
export const CSV_BOM = '\uFEFF';

const header = [
  '编号 ID',
  '时间（北京时间）Time (Asia/Shanghai)',
  '链位置 Chain position',
  '操作者类型 Actor type',
  '操作者 Actor',
  '操作 Action',
  '对象类型 Target type',
  '对象 Target',
  '数据主体 Subject',
  '请求编号 Request ID',
  '详情 Detail',
];

// Asia/Shanghai has kept UTC+8 without daylight saving since 1991: a fixed offset is exact here.
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** `2026-03-02 10:00:00` in Asia/Shanghai. */
export function shanghaiTime(iso: string): string {
  return new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * One cell: a value a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR at the start) gets a
 * leading apostrophe (OWASP's advice for CSV injection); quotes, commas and line breaks are quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvHeaderLine = () => `${CSV_BOM}${header.map(csvCell).join(',')}\r\n`;

export function csvLine(e: AuditEntry): string {
  return `${[
    e.id,
    shanghaiTime(e.occurredAt),
    e.chainPosition,
    e.actorType,
    e.actorId,
    e.action,
    e.targetType,
    e.targetId,
    e.subject,
    e.requestId,
    JSON.stringify(e.detail),
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

/** `audit-<stream>-20260302-100000.csv`, stamped in Shanghai time. */
export function exportFileName(stream: string, at: Date): string {
  const stamp = shanghaiTime(at.toISOString()).replaceAll('-', '').replace(' ', '-').replaceAll(':', '');
  return `audit-${stream}-${stamp}.csv`;
}
