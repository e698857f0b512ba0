import { describe, expect, it } from 'vitest';
import { claimsOf, detectHeadKind, extensionOf, sanitizeFileName, ZipEntrySniffer } from './media-types.ts';
import { docxBytes, htmlBytes, jpegBytes, ofdBytes, pdfBytes, pngBytes, tiffBytes, xlsxBytes, zipBytes } from './test-fixtures.ts';

describe('detectHeadKind', () => {
  it('recognises each accepted kind by its magic bytes', () => {
    expect(detectHeadKind(pdfBytes())).toBe('pdf');
    expect(detectHeadKind(jpegBytes())).toBe('jpeg');
    expect(detectHeadKind(pngBytes())).toBe('png');
    expect(detectHeadKind(tiffBytes('II'))).toBe('tiff');
    expect(detectHeadKind(tiffBytes('MM'))).toBe('tiff');
    expect(detectHeadKind(docxBytes())).toBe('zip');
  });

  it('recognises nothing else', () => {
    expect(detectHeadKind(htmlBytes())).toBeUndefined();
    expect(detectHeadKind(Buffer.from(' %PDF-1.7'))).toBeUndefined(); // not at offset 0
    expect(detectHeadKind(Buffer.from('GIF89a'))).toBeUndefined();
    expect(detectHeadKind(Buffer.from([0x50, 0x4b, 0x05, 0x06]))).toBeUndefined(); // empty ZIP
    expect(detectHeadKind(Buffer.from('MZ\x90\x00', 'latin1'))).toBeUndefined(); // Windows executable
    expect(detectHeadKind(Buffer.from([0x89, 0x50, 0x4e]))).toBeUndefined(); // too short to be sure
  });
});

describe('ZipEntrySniffer', () => {
  function kindOf(data: Buffer, pieceSize: number) {
    const sniffer = new ZipEntrySniffer();
    for (let i = 0; i < data.length; i += pieceSize) sniffer.push(data.subarray(i, i + pieceSize));
    return sniffer.kind();
  }

  it('tells OFD, DOCX, XLSX and plain ZIP apart, however the bytes are chunked', () => {
    for (const size of [1, 3, 7, 30, 1000, 1 << 20]) {
      expect(kindOf(ofdBytes(), size)).toBe('ofd');
      expect(kindOf(docxBytes(), size)).toBe('docx');
      expect(kindOf(xlsxBytes(), size)).toBe('xlsx');
      expect(kindOf(zipBytes([{ name: 'word/x.xml', data: 'x' }]), size)).toBe('zip'); // no [Content_Types].xml
      expect(kindOf(zipBytes([{ name: 'sub/OFD.xml', data: 'x' }]), size)).toBe('zip'); // OFD.xml must be at the root
    }
  });

  it('does not take entries of both Word and Excel for either', () => {
    const both = zipBytes([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'word/document.xml', data: '<w/>' },
      { name: 'xl/workbook.xml', data: '<x/>' },
    ]);
    expect(kindOf(both, 5)).toBe('zip');
  });
});

describe('claims', () => {
  it('reads the extension and the declared type, ignoring the "unknown" octet-stream', () => {
    expect(claimsOf('a.PDF', 'application/octet-stream')).toEqual({ claims: [{ kind: 'pdf', source: 'extension' }], unknown: [] });
    expect(claimsOf('scan', 'image/jpeg; charset=binary')).toEqual({ claims: [{ kind: 'jpeg', source: 'declared type' }], unknown: [] });
    expect(claimsOf('a.html', 'text/html').unknown).toEqual(['.html', 'text/html']);
    expect(extensionOf('.bashrc')).toBeUndefined();
    expect(extensionOf('a.')).toBeUndefined();
    expect(extensionOf('a.tar.GZ')).toBe('gz');
  });
});

describe('sanitizeFileName', () => {
  it('keeps only the last path segment', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\a\\营业执照.pdf')).toBe('营业执照.pdf');
    expect(sanitizeFileName('..')).toBe('file');
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
  });

  it('removes control, zero-width and direction-changing characters', () => {
    // "invoice\u202Efdp.exe" displays as "invoiceexe.pdf" in a right-to-left override.
    expect(sanitizeFileName('invoice\u202efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('a\u0000b\u200b\r\n.pdf')).toBe('ab.pdf');
    expect(sanitizeFileName('a<b>:"|?*.pdf')).toBe('a_b______.pdf');
  });

  it('shortens long names but keeps the extension', () => {
    const name = sanitizeFileName(`${'长'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
    expect(sanitizeFileName(undefined)).toBe('file');
    expect(sanitizeFileName('   ')).toBe('file');
  });
});
