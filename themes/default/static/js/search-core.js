// The parts of search that need no page: words, stems, the index's lists, the score,
// phrases, closeness, excerpts and spelling corrections. search.js puts them on the page;
// tests/browser/search-core.test.mjs tests them in Node.
//
// The index is written by src/search/ (see its module docs for the files). How a page is
// scored, in short: each stem's list gives every page that has it and a number from 1 to
// 63 for how much (BM25F over title, headings and body, with title and headings weighted);
// this adds idf = ln(1 + (N − df + 0.5) / (df + 0.5)) × number / 63 over the stems of the
// query, for pages that have every stem. The pages whose text is read for excerpts are
// then ranked again, the score multiplied by 1 + 1 / (1 + gap / 4), where gap is how many
// other words lie inside the shortest stretch of text with every word of the query
// (0 when they stand side by side), and a quoted phrase keeps only pages where its words
// stand side by side, in order.
//
// Languages: a site in several languages has one index per language (src/search/mod.rs),
// and the search page of a language reads its own. Only English is stemmed; the words
// of any other language are matched as written (lowercased, accents folded), so the
// page calls useLanguage() with its <html lang> before searching.
import { stem as englishStem } from './stem.js';

const FOLD = [
  [/[à-åą]/g, 'a'], [/[è-ëę]/g, 'e'], [/[ì-ï]/g, 'i'], [/[ò-ö]/g, 'o'], [/[ù-ü]/g, 'u'], [/[çć]/g, 'c'], [/[ñń]/g, 'n'],
  [/ł/g, 'l'], [/ś/g, 's'], [/[źż]/g, 'z'], [/ŵ/g, 'w'], [/ŷ/g, 'y'],
];
let english = true;

/** Searches in the language `code` (BCP 47, from <html lang>): stems words for English
 *  (`en`, `en-GB`…), keeps them as written for any other; '' means English. */
export function useLanguage(code) {
  english = !code || code.split('-')[0].toLowerCase() === 'en';
}

/** The stem of a searchable word in the language in use (see useLanguage). */
export function stem(word) {
  return english ? englishStem(word) : word;
}
const MAX_WORD = 40; // MAX_WORD in src/search/text.rs
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));
const MAX_SCORE = 63;

/** One searchable word as src/search/text.rs makes it: lowercase, accents folded,
 *  apostrophes dropped, at most 40 characters; '' when shorter than two. */
function fold(raw) {
  let t = raw.toLowerCase();
  for (const [accented, plain] of FOLD) t = t.replace(accented, plain);
  const chars = [...t.replace(/['’]/g, '')];
  return chars.length >= 2 ? chars.slice(0, MAX_WORD).join('') : '';
}

/** The searchable words of a text with where each stands: [{word, stem, start, end}]. */
export function tokens(text) {
  const out = [];
  // Letters and digits as Rust's char::is_alphanumeric has them (Alphabetic keeps the
  // vowel marks of Urdu in their word); punctuation of any script splits words.
  for (const m of text.matchAll(/[\p{Alphabetic}\p{N}'’]+/gu)) {
    const word = fold(m[0]);
    if (word) out.push({ word, stem: stem(word), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The searchable words of a text, in order. */
export function words(text) {
  return tokens(text).map((t) => t.word);
}

/** What was typed: `phrases` (quoted, two words or more) as lists of stems; `words`
 *  (every word, for corrections); `stems` (each stem once). */
export function parseQuery(query) {
  const phrases = [];
  const all = [];
  const parts = query.replace(/[“”]/g, '"').split('"');
  parts.forEach((part, i) => {
    const found = tokens(part);
    all.push(...found);
    // Odd parts were inside quotes (an unclosed quote runs to the end).
    if (i % 2 === 1 && found.length > 1) phrases.push(found.map((t) => t.stem));
  });
  return { phrases, words: all.map((t) => t.word), stems: [...new Set(all.map((t) => t.stem))] };
}

/** The word file a stem is in: FNV-1a of its UTF-8, modulo the number of files. */
export function bucketOf(word, buckets) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(word)) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % Math.max(1, buckets);
}

/** A stem's list read: [[page id, number from 1 to 63], …]. */
export function decodeList(list) {
  const out = [];
  let last = -1;
  let i = 0;
  while (i < list.length) {
    let gap = 0;
    let shift = 0;
    let v = VALUE.get(list[i++]) ?? 0;
    while (v >= 32 && i < list.length) {
      gap += (v - 32) * 2 ** shift;
      shift += 5;
      v = VALUE.get(list[i++]) ?? 0;
    }
    gap += v * 2 ** shift;
    if (i >= list.length) break;
    last += gap;
    out.push([last, VALUE.get(list[i++]) ?? 0]);
  }
  return out;
}

/** Pages with every stem, best first: [{id, score}]. `lists` holds one decoded list per
 *  stem of the query; `pages` is the number of pages in the index. */
export function rank(lists, pages) {
  if (lists.length === 0 || lists.some((l) => l.length === 0)) return [];
  const sorted = [...lists].sort((a, b) => a.length - b.length);
  const scores = new Map();
  sorted.forEach((list, n) => {
    const idf = Math.log(1 + (pages - list.length + 0.5) / (list.length + 0.5));
    const next = new Map();
    for (const [id, q] of list) {
      if (n === 0 || scores.has(id)) next.set(id, (scores.get(id) ?? 0) + (idf * q) / MAX_SCORE);
    }
    scores.clear();
    for (const [id, s] of next) scores.set(id, s);
  });
  return [...scores].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Where in `toks` each phrase starts; [] when one of them is missing. */
export function phraseStarts(toks, phrase) {
  const found = [];
  for (let i = 0; i + phrase.length <= toks.length; i++) {
    if (phrase.every((s, k) => toks[i + k].stem === s)) found.push(i);
  }
  return found;
}

/** The shortest stretch of `toks` holding every stem of `stems`: {from, to} (token
 *  indexes, inclusive), or null when one is missing. */
export function shortestSpan(toks, stems) {
  const wanted = new Set(stems);
  const have = new Map();
  let best = null;
  let from = 0;
  for (let to = 0; to < toks.length; to++) {
    const s = toks[to].stem;
    if (!wanted.has(s)) continue;
    have.set(s, (have.get(s) ?? 0) + 1);
    while (have.size === wanted.size) {
      const f = toks[from].stem;
      if (wanted.has(f)) {
        if (!best || to - from < best.to - best.from) best = { from, to };
        if (have.get(f) === 1) have.delete(f);
        else have.set(f, have.get(f) - 1);
      }
      from++;
    }
  }
  return best;
}

/** How a page's text changes its place: null when a phrase of the query is not in it,
 *  else the factor its score is multiplied by (see the top of this file). */
export function closeness(toks, query) {
  for (const phrase of query.phrases) if (phraseStarts(toks, phrase).length === 0) return null;
  if (query.stems.length < 2) return 1;
  const span = shortestSpan(toks, query.stems);
  if (!span) return 1;
  const gap = span.to - span.from + 1 - query.stems.length;
  return 1 + 1 / (1 + Math.max(0, gap) / 4);
}

/** A short excerpt of `text` around the best match: [{text, mark}] pieces, where `mark`
 *  pieces are words of the query. Starts with the first phrase found, else the shortest
 *  stretch with every word, else the first word found; '' pieces are never made. */
export function excerpt(text, query, length = 30) {
  const toks = tokens(text);
  const wanted = new Set(query.stems);
  let at = -1;
  for (const phrase of query.phrases) {
    const starts = phraseStarts(toks, phrase);
    if (starts.length) {
      at = starts[0];
      break;
    }
  }
  if (at < 0) at = shortestSpan(toks, query.stems)?.from ?? toks.findIndex((t) => wanted.has(t.stem));
  if (at < 0) return [];
  const first = Math.max(0, Math.min(at - Math.floor(length / 3), toks.length - length));
  const last = Math.min(toks.length - 1, first + length - 1);
  const pieces = [];
  let pos = toks[first].start;
  const push = (piece, mark) => {
    if (piece) pieces.push({ text: piece, mark });
  };
  if (first > 0) push('… ', false);
  for (let i = first; i <= last; i++) {
    const t = toks[i];
    if (wanted.has(t.stem)) {
      push(text.slice(pos, t.start), false);
      push(text.slice(t.start, t.end), true);
      pos = t.end;
    }
  }
  push(text.slice(pos, toks[last].end), false);
  if (last < toks.length - 1) push(' …', false);
  return pieces.map((p) => (p.mark ? p : { text: p.text.replace(/\s+/g, ' '), mark: false }));
}

/** Are `a` and `b` at most one edit apart (a letter added, removed, changed, or two
 *  letters next to each other swapped)? */
export function oneEditApart(a, b) {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  const rest = (m, n) => x.slice(m).join('') === y.slice(n).join('');
  if (x.length === y.length) {
    return rest(i + 1, i + 1) || (x[i] === y[i + 1] && x[i + 1] === y[i] && rest(i + 2, i + 2));
  }
  return x.length > y.length ? rest(i + 1, i) : rest(i, i + 1);
}

/** The word of the site's vocabulary that `word` (five letters or more) was most likely
 *  meant to be: one edit away, as a word or as a stem, the one on most pages; or null.
 *  `vocabulary` is [[word, pages], …]. */
export function correction(word, vocabulary) {
  if ([...word].length < 5) return null;
  const wordStem = stem(word);
  let best = null;
  for (const [candidate, pages] of vocabulary) {
    if (candidate === word) continue;
    if (!(oneEditApart(word, candidate) || oneEditApart(wordStem, stem(candidate)))) continue;
    if (!best || pages > best[1]) best = [candidate, pages];
  }
  return best ? best[0] : null;
}
