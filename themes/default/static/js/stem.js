// English stemming for search: the Snowball English ("Porter2") algorithm, written from
// its published description. src/search/terms.rs stems the index with the rust-stemmers
// crate; tests/stem-agree.mjs checks on thousands of words that the two agree.
//
// Takes a lowercase word (the search tokeniser's output) and returns its stem.

const VOWEL = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const isV = (c) => VOWEL.has(c);
const DOUBLES = new Set(['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt']);
const LI_ENDING = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);

const WHOLE_WORDS = new Map([
  ['skis', 'ski'], ['skies', 'sky'], ['dying', 'die'], ['lying', 'lie'], ['tying', 'tie'],
  ['idly', 'idl'], ['gently', 'gentl'], ['ugly', 'ugli'], ['early', 'earli'], ['only', 'onli'],
  ['singly', 'singl'], ['sky', 'sky'], ['news', 'news'], ['howe', 'howe'], ['atlas', 'atlas'],
  ['cosmos', 'cosmos'], ['bias', 'bias'], ['andes', 'andes'],
]);
const KEPT_AFTER_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);
const R1_PREFIXES = ['gener', 'commun', 'arsen'];

const STEP_1A = ['sses', 'ied', 'ies', 'us', 'ss', 's'];
const STEP_1B = ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed'];
const STEP_2 = new Map([
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'],
  ['tional', 'tion'], ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'],
  ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'], ['iviti', 'ive'], ['fulli', 'ful'],
  ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'],
  ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
]);
const STEP_3 = new Map([
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'],
  ['ative', ''], ['ical', 'ic'], ['ness', ''], ['ful', ''],
]);
const STEP_4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];

/** Does the array of characters `w` end with `suffix`? */
function endsWith(w, suffix) {
  if (suffix.length > w.length) return false;
  for (let i = 0; i < suffix.length; i++) {
    if (w[w.length - suffix.length + i] !== suffix[i]) return false;
  }
  return true;
}

/** The longest of `suffixes` that `w` ends with, or ''. */
function longest(w, suffixes) {
  let found = '';
  for (const s of suffixes) if (s.length > found.length && endsWith(w, s)) found = s;
  return found;
}

function replaceEnd(w, length, by) {
  w.splice(w.length - length, length, ...by);
}

/** The index just after the first non-vowel that follows a vowel, from `from` on. */
function regionStart(w, from) {
  let i = from;
  while (i < w.length && !isV(w[i])) i++;
  while (i < w.length && isV(w[i])) i++;
  return i < w.length ? i + 1 : w.length;
}

/** Does `w` end in a short syllable? */
function shortSyllable(w) {
  const n = w.length;
  if (n >= 3 && !isV(w[n - 1]) && !'wxY'.includes(w[n - 1]) && isV(w[n - 2]) && !isV(w[n - 3])) return true;
  return n === 2 && isV(w[0]) && !isV(w[1]);
}

function hasVowel(w, end) {
  for (let i = 0; i < end; i++) if (isV(w[i])) return true;
  return false;
}

/** The Snowball English stem of a lowercase word. */
export function stem(word) {
  if (WHOLE_WORDS.has(word)) return WHOLE_WORDS.get(word);
  const w = Array.from(word);
  if (w.length < 3) return word;
  if (w[0] === "'") w.shift();
  if (w[0] === 'y') w[0] = 'Y';
  for (let i = 1; i < w.length; i++) if (w[i] === 'y' && isV(w[i - 1])) w[i] = 'Y';

  const joined = w.join('');
  const prefix = R1_PREFIXES.find((p) => joined.startsWith(p));
  const p1 = prefix ? prefix.length : regionStart(w, 0);
  const p2 = regionStart(w, p1);

  // Step 0: possessive endings.
  const possessive = longest(w, ["'s'", "'s", "'"]);
  if (possessive) w.length -= possessive.length;

  // Step 1a: plurals.
  const s1a = longest(w, STEP_1A);
  if (s1a === 'sses') replaceEnd(w, 4, ['s', 's']);
  else if (s1a === 'ied' || s1a === 'ies') replaceEnd(w, 3, w.length - 3 > 1 ? ['i'] : ['i', 'e']);
  else if (s1a === 's' && hasVowel(w, w.length - 2)) w.length -= 1;

  if (!KEPT_AFTER_1A.has(w.join(''))) {
    step1b(w, p1);
    // Step 1c: a final y after a consonant (not the first letter) becomes i.
    const n = w.length;
    if (n > 2 && (w[n - 1] === 'y' || w[n - 1] === 'Y') && !isV(w[n - 2])) w[n - 1] = 'i';
    step2(w, p1);
    step3(w, p1, p2);
    step4(w, p2);
    step5(w, p1, p2);
  }
  return w.join('').replace(/Y/g, 'y');
}

function step1b(w, p1) {
  const suffix = longest(w, STEP_1B);
  if (!suffix) return;
  const start = w.length - suffix.length;
  if (suffix === 'eed' || suffix === 'eedly') {
    if (start >= p1) replaceEnd(w, suffix.length, ['e', 'e']);
    return;
  }
  if (!hasVowel(w, start)) return;
  w.length = start;
  if (endsWith(w, 'at') || endsWith(w, 'bl') || endsWith(w, 'iz')) w.push('e');
  else if (w.length >= 2 && DOUBLES.has(w[w.length - 2] + w[w.length - 1])) w.length -= 1;
  else if (w.length === p1 && shortSyllable(w)) w.push('e');
}

function step2(w, p1) {
  const suffix = longest(w, [...STEP_2.keys()]);
  if (!suffix) return;
  const start = w.length - suffix.length;
  if (start < p1) return;
  if (suffix === 'ogi' && w[start - 1] !== 'l') return;
  if (suffix === 'li' && !LI_ENDING.has(w[start - 1])) return;
  replaceEnd(w, suffix.length, Array.from(STEP_2.get(suffix)));
}

function step3(w, p1, p2) {
  const suffix = longest(w, [...STEP_3.keys()]);
  if (!suffix) return;
  const start = w.length - suffix.length;
  if (start < p1 || (suffix === 'ative' && start < p2)) return;
  replaceEnd(w, suffix.length, Array.from(STEP_3.get(suffix)));
}

function step4(w, p2) {
  const suffix = longest(w, STEP_4);
  if (!suffix) return;
  const start = w.length - suffix.length;
  if (start < p2) return;
  if (suffix === 'ion' && w[start - 1] !== 's' && w[start - 1] !== 't') return;
  w.length = start;
}

function step5(w, p1, p2) {
  const n = w.length;
  const start = n - 1;
  if (w[n - 1] === 'e') {
    if (start >= p2 || (start >= p1 && !shortSyllable(w.slice(0, start)))) w.length = start;
  } else if (w[n - 1] === 'l') {
    if (start >= p2 && w[n - 2] === 'l') w.length = start;
  }
}
