// The search page: runs the search form against the index built with the site.
//
// Loaded only by search.html. Without JavaScript the form still submits `?q=` to this
// page, and a <noscript> note points to the A to Z of pages and the topics. With it, a
// search reads `?q=` (so a search can be linked to), lists the best ten results in the
// <ol> with an excerpt of each, and puts "N results for “words”" in the polite live
// region; "Show more results" adds ten more. Focus stays where the reader is, except
// that after "Show more results" it moves to the first new result.
//
// Excerpts are cut from the result pages themselves (fetched, parsed as inert documents,
// their <main> read as text) and built from text nodes and <mark> elements, so no page
// text is ever parsed as HTML into this page. How results are scored: search-core.js.
//
// Languages: the form's data-index names the index of the page's language, and words
// are stemmed only when <html lang> is English. What the page says comes from the
// form's data-say-* attributes (the theme's words in the page's language, with
// {count}, {shown}, {query} and {typed} filled in here), with English as the fallback.
import {
  bucketOf, closeness, correction, decodeList, excerpt, parseQuery, rank, stem, tokens, useLanguage,
} from './search-core.js';

const PER_VIEW = 10; // results shown at once
const PHRASE_CHECKS = 40; // most pages read to find the pages with a quoted phrase

const form = document.querySelector('form.search-form');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const more = document.getElementById('search-more');
const corrected = document.getElementById('search-correction');
const cache = new Map();
let latest = 0;
let view = null;
useLanguage(document.documentElement.lang);

const ENGLISH = {
  sayOne: '{count} result for “{query}”.',
  sayMany: '{count} results for “{query}”.',
  sayAtLeastOne: 'At least {count} result for “{query}”.',
  sayAtLeast: 'At least {count} results for “{query}”.',
  sayShowing: ' Showing {shown}.',
  sayCorrected: 'No pages have “{typed}”. Showing results for “{query}”.',
  sayShowingFor: 'Showing results for “{query}”: ',
  sayNone: 'No results for “{query}”.',
  sayNoneYet: 'No results yet for “{query}”: more pages can be searched.',
  sayShort: 'Type a longer word than “{query}”.',
  sayEmpty: 'Type a word or phrase to search for.',
  saySearching: 'Searching…',
  sayUnavailable: 'Search is not available at the moment. Try the A to Z of pages instead.',
  sayUnavailableShort: 'Search is not available at the moment.',
};

/** The page's words for `key` with {name} replaced from `values`. */
function t(key, values = {}) {
  const text = form?.dataset[key] || ENGLISH[key];
  return text.replace(/\{(count|shown|query|typed)\}/g, (_, name) => String(values[name] ?? ''));
}

function fetchJson(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(form.dataset.index + path).then((r) => {
      if (r.status === 404) return null;
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    }));
  }
  return cache.get(path);
}

/** The text of a result page's <main>, or '' when it cannot be read. */
function pageText(url) {
  const key = `text:${url}`;
  if (!cache.has(key)) {
    cache.set(key, fetch(url).then((r) => (r.ok ? r.text() : '')).then((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const main = doc.querySelector('main');
      if (!main) return '';
      for (const hidden of main.querySelectorAll('script, style, template, h1, nav, .dates')) hidden.remove();
      for (const block of main.querySelectorAll('p, li, td, th, h2, h3, h4, h5, h6, dt, dd, figcaption, caption, div, section, br')) block.append(' ');
      return main.textContent.replace(/\s+/g, ' ').trim();
    }).catch(() => ''));
  }
  return cache.get(key);
}

async function listOf(stemmed, meta) {
  const file = await fetchJson(`words/${bucketOf(stemmed, meta.buckets)}.json`);
  return decodeList(file?.[stemmed] ?? '');
}

async function pageOf(id, meta) {
  const chunk = await fetchJson(`pages/${Math.floor(id / meta.chunk)}.json`);
  const [url, title] = chunk?.[id % meta.chunk] ?? ['', ''];
  return { url, title };
}

/** A word of five letters or more that finds nothing, spelt as the site spells it. */
async function corrections(query, lists) {
  const changed = new Map();
  for (const word of new Set(query.words)) {
    const i = query.stems.indexOf(stem(word));
    if (lists[i].length > 0 || [...word].length < 5) continue;
    const length = [...stem(word)].length;
    const files = await Promise.all([length - 1, length, length + 1].map((n) => fetchJson(`vocab/${n}.json`)));
    const better = correction(word, files.flatMap((f) => f ?? []));
    if (better) changed.set(word, better);
  }
  return changed;
}

/** Finds the pages with every word of `typed`, best first, correcting misspelt words
 *  when nothing is found. Their text is read later, by `settle`. */
async function find(typed) {
  const meta = await fetchJson('meta.json');
  let shownQuery = typed;
  let query = parseQuery(typed);
  let lists = await Promise.all(query.stems.map((s) => listOf(s, meta)));
  let ranked = rank(lists, meta.pages);
  let correctedFrom = null;
  if (ranked.length === 0) {
    const changed = await corrections(query, lists);
    if (changed.size > 0) {
      let rebuilt = '';
      let pos = 0;
      for (const t of tokens(typed)) {
        if (!changed.has(t.word)) continue;
        rebuilt += typed.slice(pos, t.start) + changed.get(t.word);
        pos = t.end;
      }
      shownQuery = rebuilt + typed.slice(pos);
      query = parseQuery(shownQuery);
      lists = await Promise.all(query.stems.map((s) => listOf(s, meta)));
      ranked = rank(lists, meta.pages);
      correctedFrom = typed;
    }
  }
  const results = ranked.map((r) => ({ ...r, page: null, text: null, drop: false }));
  // Without a quoted phrase every page found is a result, so the count is known now.
  return { meta, query, results, shownQuery, correctedFrom, complete: query.phrases.length === 0 };
}

/** Reads a result's page: its address, title and text, and how close together the
 *  words of the query stand in it. */
async function read(found, r) {
  r.page = await pageOf(r.id, found.meta);
  r.text = await pageText(r.page.url);
  // The title counts as text here: a page titled with the phrase has it.
  const factor = r.text ? closeness(tokens(`${r.page.title}\n${r.text}`), found.query) : 1;
  r.drop = factor === null;
  r.score *= factor ?? 1;
}

/** Reads the next results until `wanted` are ready (or, with a quoted phrase, until
 *  PHRASE_CHECKS pages have been read): pages without the phrase go, and among the
 *  results not yet shown (from `from` on) pages with the words close together move up. */
async function settle(found, from, wanted) {
  let budget = PHRASE_CHECKS;
  for (;;) {
    const unread = found.results.findIndex((r) => r.text === null);
    if (unread === -1 || unread >= wanted || budget <= 0) break;
    const batch = found.results.slice(unread, wanted);
    budget -= batch.length;
    await Promise.all(batch.map((r) => read(found, r)));
    const kept = found.results.filter((r) => !r.drop);
    const shown = kept.slice(0, from);
    const ready = kept.slice(from).filter((r) => r.text !== null).sort((a, b) => b.score - a.score || a.id - b.id);
    found.results = [...shown, ...ready, ...kept.slice(from).filter((r) => r.text === null)];
  }
  if (found.results.every((r) => r.text !== null)) found.complete = true;
}

function resultItem(r, query) {
  const li = document.createElement('li');
  const h2 = document.createElement('h2');
  const a = document.createElement('a');
  a.href = r.page.url;
  a.textContent = r.page.title;
  h2.append(a);
  li.append(h2);
  const pieces = r.text ? excerpt(r.text, query) : [];
  if (pieces.length) {
    const p = document.createElement('p');
    p.className = 'search-excerpt';
    for (const piece of pieces) {
      if (piece.mark) {
        const mark = document.createElement('mark');
        mark.textContent = piece.text;
        p.append(mark);
      } else {
        p.append(document.createTextNode(piece.text));
      }
    }
    li.append(p);
  }
  return li;
}

function say(text) {
  status.textContent = text;
}

function countText(found, shown) {
  const ready = found.results.filter((r) => r.text !== null).length;
  const total = found.complete ? found.results.length : ready;
  const key = found.complete ? (total === 1 ? 'sayOne' : 'sayMany') : (total === 1 ? 'sayAtLeastOne' : 'sayAtLeast');
  const rest = total > shown ? t('sayShowing', { shown }) : '';
  return t(key, { count: total, query: found.shownQuery }) + rest;
}

async function show(found, ticket, moveFocus) {
  const from = list.children.length;
  await settle(found, from, from + PER_VIEW);
  if (ticket !== latest) return;
  const next = found.results.slice(from, from + PER_VIEW).filter((r) => r.text !== null);
  for (const r of next) list.append(resultItem(r, found.query));
  const shown = list.children.length;
  list.hidden = shown === 0;
  more.hidden = found.results.length <= shown;
  if (found.correctedFrom) {
    corrected.hidden = false;
    corrected.textContent = t('sayCorrected', { typed: found.correctedFrom, query: found.shownQuery });
  }
  if (shown === 0 && found.complete) say(t('sayNone', { query: found.correctedFrom ?? found.shownQuery }));
  else if (shown === 0) say(t('sayNoneYet', { query: found.shownQuery }));
  else say((found.correctedFrom ? t('sayShowingFor', { query: found.shownQuery }) : '') + countText(found, shown));
  if (moveFocus && next.length) list.children[from].querySelector('a').focus();
}

async function run(typed) {
  const ticket = ++latest;
  const shownQuery = typed.trim();
  list.replaceChildren();
  list.hidden = true;
  more.hidden = true;
  corrected.hidden = true;
  view = null;
  if (parseQuery(shownQuery).stems.length === 0) {
    say(shownQuery ? t('sayShort', { query: shownQuery }) : t('sayEmpty'));
    return;
  }
  say(t('saySearching'));
  try {
    const found = await find(shownQuery);
    if (ticket !== latest) return;
    view = found;
    await show(found, ticket, false);
  } catch {
    if (ticket === latest) say(t('sayUnavailable'));
  }
}

if (form && input && status && list && more && corrected) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('q', input.value);
    window.history.replaceState(null, '', url);
    run(input.value);
  });
  more.addEventListener('click', () => {
    if (view) show(view, latest, true).catch(() => say(t('sayUnavailableShort')));
  });
  const initial = new URL(window.location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
}
