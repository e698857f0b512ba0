/**
 * What an upload really is, judged from its bytes. Only the kinds below are accepted; the
 * client's declared type and file extension are claims that must agree with the content.
 */
export const uploadKinds = ['pdf', 'jpeg', 'png', 'tiff', 'ofd', 'docx', 'xlsx', 'zip'] as const;
export type UploadKind = (typeof uploadKinds)[number];

export const mediaTypeOfKind = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  // GB/T 33190-2016 Open Fixed-layout Document (a ZIP container with OFD.xml at its root).
  ofd: 'application/ofd',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const satisfies Record<UploadKind, string>;

export const kindLabels = {
  pdf: 'PDF',
  jpeg: 'JPEG',
  png: 'PNG',
  tiff: 'TIFF',
  ofd: 'OFD',
  docx: 'Word (DOCX)',
  xlsx: 'Excel (XLSX)',
  zip: 'ZIP',
} as const satisfies Record<UploadKind, string>;

const kindOfExtension: Record<string, UploadKind> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  png: 'png',
  tif: 'tiff',
  tiff: 'tiff',
  ofd: 'ofd',
  docx: 'docx',
  xlsx: 'xlsx',
  zip: 'zip',
};

const kindOfDeclaredType: Record<string, UploadKind> = {
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/tiff': 'tiff',
  'image/tif': 'tiff',
  'application/ofd': 'ofd',
  'application/vnd.ofd': 'ofd',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/x-zip': 'zip',
};

/** Types a browser sends when it does not know: no claim at all. */
const noClaimTypes = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/** Bytes needed to recognise every kind from its start. */
export const HEAD_BYTES = 8;

/** The kinds recognisable from the first bytes; the ZIP family is refined later (`ZipEntrySniffer`). */
export type HeadKind = 'pdf' | 'jpeg' | 'png' | 'tiff' | 'zip';

export function detectHeadKind(head: Uint8Array): HeadKind | undefined {
  const b = head;
  const starts = (...bytes: number[]) => bytes.length <= b.length && bytes.every((v, i) => b[i] === v);
  // PDF must start with %PDF- here: a header further in would let an HTML/PDF polyglot through.
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  // A local file header; an empty archive (PK 05 06) holds nothing worth accepting.
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  return undefined;
}

export function familyOf(kind: UploadKind): HeadKind {
  return kind === 'docx' || kind === 'xlsx' || kind === 'ofd' || kind === 'zip' ? 'zip' : kind;
}

/** Lower-case extension without the dot, or undefined when the name has none. */
export function extensionOf(fileName: string): string | undefined {
  const dot = fileName.lastIndexOf('.');
  if (dot <= 0 || dot === fileName.length - 1) return undefined;
  return fileName.slice(dot + 1).toLowerCase();
}

export type Claim = { kind: UploadKind; source: 'extension' | 'declared type' };

/**
 * What the client says the file is. `undefined` kind inside `unknown` means it named something
 * this platform never accepts (an `.html` name, a `text/html` type).
 */
export function claimsOf(fileName: string, declaredType: string): { claims: Claim[]; unknown: string[] } {
  const claims: Claim[] = [];
  const unknown: string[] = [];
  const ext = extensionOf(fileName);
  if (ext !== undefined) {
    const kind = kindOfExtension[ext];
    if (kind) claims.push({ kind, source: 'extension' });
    else unknown.push(`.${ext}`);
  }
  const type = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!noClaimTypes.has(type)) {
    const kind = kindOfDeclaredType[type];
    if (kind) claims.push({ kind, source: 'declared type' });
    else unknown.push(type);
  }
  return { claims, unknown };
}

/** Whether content of `actual` kind satisfies a claim of `claimed` (a DOCX is also a ZIP). */
export function satisfiesClaim(actual: UploadKind | HeadKind, claimed: UploadKind): boolean {
  if (claimed === 'zip') return familyOf(actual as UploadKind) === 'zip';
  return actual === claimed;
}

/**
 * Collects the entry names of a ZIP container as it streams by (local and central-directory
 * headers, so archives written with data descriptors work too), across chunk boundaries, and
 * tells an OFD, DOCX or XLSX from a plain ZIP. Memory stays bounded by one header.
 */
export class ZipEntrySniffer {
  private pending: Buffer = Buffer.alloc(0);
  private hasContentTypes = false;
  private hasWord = false;
  private hasXl = false;
  private hasOfdRoot = false;
  entries = 0;

  push(chunk: Uint8Array): void {
    const buf =
      this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    let keepFrom = -1;
    for (;;) {
      const p = buf.indexOf('PK', i, 'latin1');
      if (p < 0) break;
      if (p + 4 > buf.length) {
        keepFrom = p;
        break;
      }
      const signature = buf.readUInt32LE(p);
      let lengthAt: number;
      let nameAt: number;
      if (signature === 0x04034b50) {
        lengthAt = 26;
        nameAt = 30;
      } else if (signature === 0x02014b50) {
        lengthAt = 28;
        nameAt = 46;
      } else {
        i = p + 2;
        continue;
      }
      if (p + nameAt > buf.length) {
        keepFrom = p;
        break;
      }
      const nameLength = buf.readUInt16LE(p + lengthAt);
      if (p + nameAt + nameLength > buf.length) {
        keepFrom = p;
        break;
      }
      this.record(buf.toString('utf8', p + nameAt, p + nameAt + nameLength));
      i = p + nameAt + nameLength;
    }
    // A lone trailing 'P' may begin a signature split across chunks.
    const from = keepFrom >= 0 ? keepFrom : Math.max(i, buf.length - 1);
    this.pending = Buffer.from(buf.subarray(from));
  }

  private record(name: string) {
    this.entries += 1;
    if (name === '[Content_Types].xml') this.hasContentTypes = true;
    else if (name === 'OFD.xml') this.hasOfdRoot = true;
    else if (name.startsWith('word/')) this.hasWord = true;
    else if (name.startsWith('xl/')) this.hasXl = true;
  }

  kind(): 'ofd' | 'docx' | 'xlsx' | 'zip' {
    if (this.hasOfdRoot) return 'ofd';
    if (this.hasContentTypes && this.hasWord && !this.hasXl) return 'docx';
    if (this.hasContentTypes && this.hasXl && !this.hasWord) return 'xlsx';
    return 'zip';
  }
}

/** Bidirectional overrides, zero-width and control characters: used to disguise `exe.pdf` names. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const invisible = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const MAX_NAME_CHARS = 120;

/**
 * The client's file name made safe to store and show: the last path segment only, no control or
 * direction-changing characters, no characters Windows forbids, no leading dots, at most 120
 * characters (the extension kept). It is display metadata and never part of a path or key.
 */
export function sanitizeFileName(name: string | undefined): string {
  let n = (name ?? '').normalize('NFC');
  n = n.split(/[/\\]/).pop() ?? '';
  n = n
    .replace(invisible, '')
    .replace(/[<>:"|?*]/g, '_')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  const chars = [...n];
  if (chars.length > MAX_NAME_CHARS) {
    const ext = extensionOf(n);
    const tail = ext && ext.length <= 10 ? `.${ext}` : '';
    n = chars.slice(0, MAX_NAME_CHARS - tail.length).join('') + tail;
  }
  return n || 'file';
}
