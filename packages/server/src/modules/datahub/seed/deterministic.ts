import { districts } from '@tongban/seed';

/**
 * Deterministic choices for the demo registries: every value is a hash of the record's key and
 * what it is for, so the same city always gives the same rows; plus date arithmetic on
 * YYYY-MM-DD strings and the word lists the registries draw from.
 */
/** FNV-1a over the text, then a murmur3 finaliser: fast, and the same everywhere. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A number in [0, 1) fixed by the key and what it is for. */
export function rand(key: string, salt: string): number {
  return hash32(`${salt}:${key}`) / 2 ** 32;
}
export const between = (key: string, salt: string, lo: number, hi: number) => lo + Math.floor(rand(key, salt) * (hi - lo + 1));
export const pick = <T>(key: string, salt: string, xs: readonly T[]): T => xs[Math.floor(rand(key, salt) * xs.length)] as T;
export const digits = (key: string, salt: string, n: number) => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += hash32(`${salt}:${i}:${key}`).toString().padStart(10, '0');
  return out.slice(0, n);
};

function ymd(date: Date): string {
  return date.toISOString().slice(0, 10);
}
function parseDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
export function addYears(date: string, years: number, days = 0): string {
  const d = parseDate(date);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() + days);
  return ymd(d);
}
export function ageAt(birthDate: string, referenceDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = referenceDate.split('-').map(Number) as [number, number, number];
  return ry - by - (rm < bm || (rm === bm && rd < bd) ? 1 : 0);
}
export function monthsBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.max(0, (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth()));
}
export const minDate = (a: string, b: string) => (a < b ? a : b);

export const districtInfo = new Map(districts.map((x) => [x.id, x]));
export const districtName = (id: string) => districtInfo.get(id)?.zh ?? '上海市';
export const divisionCode = (id: string) => districtInfo.get(id)?.divisionCode ?? '310000';

export const hospitals = [
  '上海市第一妇婴保健院',
  '复旦大学附属妇产科医院',
  '中国福利会国际和平妇幼保健院',
  '上海市第一人民医院',
  '上海交通大学医学院附属仁济医院',
  '上海市长宁区妇幼保健院',
  '上海市浦东新区妇幼保健院',
];
export const universities: readonly (readonly [string, string])[] = [
  ['复旦大学', '10246'],
  ['上海交通大学', '10248'],
  ['同济大学', '10247'],
  ['华东师范大学', '10269'],
  ['上海财经大学', '10272'],
  ['华东理工大学', '10251'],
  ['上海大学', '10280'],
  ['东华大学', '10255'],
  ['上海外国语大学', '10271'],
  ['上海理工大学', '10252'],
  ['上海师范大学', '10270'],
  ['上海电机学院', '11458'],
];
export const majors = [
  '计算机科学与技术',
  '会计学',
  '法学',
  '临床医学',
  '土木工程',
  '金融学',
  '汉语言文学',
  '英语',
  '机械工程',
  '电子信息工程',
  '工商管理',
  '护理学',
];
export const carModels = [
  '上汽大众 朗逸',
  '上汽通用 别克英朗',
  '比亚迪 秦PLUS',
  '特斯拉 Model 3',
  '上汽荣威 i5',
  '吉利 帝豪',
  '上汽大众 帕萨特',
  '上汽通用五菱 宏光MINI EV',
  '蔚来 ES6',
  '丰田 卡罗拉',
];
export const plateLetters = 'ABCDEFGHJKLMN';
export const plateChars = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const vinChars = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
