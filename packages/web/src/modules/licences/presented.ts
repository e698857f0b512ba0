/**
 * What someone presents on the verification page, as the API's body: a QR code's link or token
 * (`{qr}`), or a credential (`{credential}`). Pure, so it is tested without a browser.
 */
const QR_IN_LINK = /[#?&]qr=([A-Za-z0-9_.-]+)/;

/** The QR token in a page fragment (`/licences/verify#qr=…`, what the QR code opens), if any. */
export function qrFromHash(hash: string): string | undefined {
  return QR_IN_LINK.exec(hash)?.[1];
}

/** A QR code's token and a credential are both compact JWSs; the header's `typ` tells them apart. */
function isQrToken(text: string): boolean {
  const header = text.split('.')[0] ?? '';
  try {
    const decoded = JSON.parse(atob(header.replace(/-/g, '+').replace(/_/g, '/'))) as { typ?: unknown };
    return decoded.typ === 'licence-qr+jwt';
  } catch {
    return false;
  }
}

export function verifyBodyFor(presented: string): { qr: string } | { credential: string } {
  const text = presented.trim();
  if (QR_IN_LINK.test(text) || isQrToken(text)) return { qr: text };
  return { credential: text };
}

/** The QR token in this page's fragment, if any. */
export const qrFromLocation = () => qrFromHash(window.location.hash);
