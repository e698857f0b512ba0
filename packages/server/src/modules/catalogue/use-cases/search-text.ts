import { eventLabel, type ServiceItemContent, themeLabel } from '@tongban/domain';

/**
 * Turning text into search words. Chinese has no spaces: `Intl.Segmenter` (full ICU in Node and
 * browsers) splits it into dictionary words; English is split on non-letters and lower-cased.
 * Words are stored in a `simple`-config tsvector, so PostgreSQL adds no stemming or stop words and
 * the same code runs on PostgreSQL and PGlite.
 */
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /\p{Script=Han}/u;

/** Words of `text`: NFKC (full-width → half-width), lower-case, letters and digits only. */
export function searchWords(text: string): string[] {
  const out: string[] = [];
  for (const part of segmenter.segment(text.normalize('NFKC').toLowerCase())) {
    if (!part.isWordLike) continue;
    for (const word of part.segment.match(/[\p{L}\p{N}]+/gu) ?? []) if (word.length <= 60) out.push(word);
  }
  return out;
}

/** One segmenter pass over all the texts (a newline keeps words of different texts apart). */
function join(texts: readonly (string | undefined)[]): string {
  return searchWords(texts.filter((t): t is string => !!t).join('\n')).join(' ');
}

/** The three weighted texts of an item: A name, B summary and materials, C everything else a searcher might type. */
export function searchTexts(code: string, content: ServiceItemContent, extra: { departmentNames?: readonly string[] } = {}) {
  const c = content;
  return {
    a: join([c.name.zh, c.name.en]),
    b: join([c.summary?.zh, c.summary?.en, ...c.materials.flatMap((m) => [m.name.zh, m.name.en]), c.result?.name.zh, c.result?.name.en]),
    c: join([
      code,
      ...c.conditions.flatMap((x) => [x.zh, x.en]),
      ...c.legalBasis.map((l) => l.law),
      ...c.situations.flatMap((s) => [s.question.zh, s.question.en, ...s.options.flatMap((o) => [o.label.zh, o.label.en])]),
      ...c.form.flatMap((f) => [f.label.zh, f.label.en]),
      ...c.process.flatMap((s) => [s.name.zh, s.name.en]),
      ...c.themes.flatMap((id) => [id, themeLabel(id).en]),
      ...c.events.flatMap((id) => [id, eventLabel(id).en]),
      ...(extra.departmentNames ?? []),
    ]),
    // The names, and the name of what the item issues (people search for 营业执照, not 公司设立登记).
    name: [c.name.zh, c.name.en, c.result?.name.zh, c.result?.name.en].filter(Boolean).join(' ').normalize('NFKC').toLowerCase(),
  };
}

function quote(word: string): string {
  return `'${word.replaceAll("'", "''").replaceAll('\\', '\\\\')}'`;
}

export type SearchQuery = {
  /** Every word must match (runs of single Chinese characters — pieces of a word the dictionary does not know — as a phrase). */
  strict: string;
  /** The same restricted to name (weight A) lexemes, to rank name matches first. */
  strictName: string;
  /** Any word matches (single Chinese characters as prefixes): the fallback for near-misses. */
  loose: string;
  /** The query as typed, normalised, for trigram similarity. */
  text: string;
};

/**
 * Builds tsquery texts (for `to_tsquery('simple', …)`) from what the user typed; undefined when
 * it has no words. English words match as prefixes (`licen` finds `licence`).
 */
const STOP_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'by', 'with', 'or']);

export function buildSearchQuery(input: string): SearchQuery | undefined {
  const all = searchWords(input).slice(0, 16);
  const meaningful = all.filter((w) => !STOP_WORDS.has(w));
  const words = meaningful.length > 0 ? meaningful : all;
  if (words.length === 0) return undefined;
  const groups: string[][] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length > 0) groups.push(run);
    run = [];
  };
  for (const w of words) {
    if (HAN.test(w) && w.length === 1) run.push(w);
    else {
      flush();
      groups.push([w]);
    }
  }
  flush();
  const prefix = (w: string) => !HAN.test(w) && w.length >= 3;
  const term = (w: string, weight: string) => `${quote(w)}${prefix(w) ? `:*${weight}` : weight ? `:${weight}` : ''}`;
  const group = (g: string[], weight: string) =>
    g.length === 1 ? term(g[0] as string, weight) : `(${g.map((w) => term(w, weight)).join(' <-> ')})`;
  return {
    strict: groups.map((g) => group(g, '')).join(' & '),
    strictName: groups.map((g) => group(g, 'A')).join(' & '),
    // A single character of a mistyped word may be the start of a real one (执招 → 执照).
    loose: [...new Set(words)].map((w) => (HAN.test(w) && w.length === 1 ? `${quote(w)}:*` : term(w, ''))).join(' | '),
    // No control characters or broken surrogates reach SQL (PostgreSQL refuses NUL).
    text: input
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\p{Cc}\p{Cs}]/gu, ' ')
      .trim()
      .slice(0, 200),
  };
}
