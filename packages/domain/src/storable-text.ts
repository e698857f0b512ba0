/**
 * What the platform accepts as text, in one rule shared by every request field, upload file name
 * and import. Refused (the request answers 400 VALIDATION_FAILED with the field):
 * - NUL: PostgreSQL stores it neither in `text` nor in `jsonb`, so it would fail as a 500;
 * - lone surrogates (broken UTF-16): they have no UTF-8 form, PostgreSQL refuses them in `jsonb`
 *   and a driver would otherwise silently turn them into U+FFFD;
 * - the other C0 controls except tab, line feed and carriage return (U+0001–U+0008, U+000B,
 *   U+000C, U+000E–U+001F): nobody types them, terminals and logs interpret them (ESC), and
 *   XML 1.0 — e-licence and CPSV exports — cannot carry them;
 * - the 66 Unicode noncharacters (U+FDD0–U+FDEF, U+FFFE/U+FFFF on every plane): reserved for
 *   a program's internal use, never for interchange; U+FFFE is a byte-swapped byte-order mark.
 * DEL, C1 controls, zero-width and bidirectional characters are storable: text normalisation
 * (`normaliseText`) or file-name sanitising deal with those where they matter.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const UNSTORABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\p{Cs}\p{Noncharacter_Code_Point}]/u;

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'gu');

/** The string with each refused character replaced by U+FFFD, for logging what was refused. */
export function replaceUnstorableText(value: string): string {
  return value.replace(UNSTORABLE_ALL, '\uFFFD');
}

/** Whether a string holds a character the platform refuses as text (see above). */
export function isUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

/**
 * The path of the first string (value or object key) in a parsed JSON-like value that holds
 * unstorable text, or undefined when there is none. Keys are reported at their object's path,
 * elements as `path.<index>`, values as `path.<key>`. Walks with its own stack, so a deeply
 * nested body cannot overflow the call stack.
 */
export function findUnstorableText(value: unknown, path: string): string | undefined {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length > 0) {
    const [v, p] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (UNSTORABLE.test(v)) return p;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${p}.${i}`]);
    } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      // (Binary bodies — a Buffer, a typed array — are not text.)
      const keys = Object.keys(v);
      for (const k of keys) if (UNSTORABLE.test(k)) return p;
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        stack.push([(v as Record<string, unknown>)[k], `${p}.${k}`]);
      }
    }
  }
  return undefined;
}

/** The message of the refusal, for the field it names. */
export function unstorableTextMessage(field: string): string {
  return `${field}: 含有无法保存的字符（NUL、控制字符、残缺的 Unicode 或非字符）。The text contains characters that cannot be stored (NUL, control characters, broken Unicode or noncharacters).`;
}
