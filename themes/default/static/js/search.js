// The search page: runs the search form against the index built with the site.
//
// Loaded only by search.html. Without JavaScript the form still submits `?q=` to this
// page, and a <noscript> note points to the A to Z of pages. With it, a search reads
// `?q=` (so a search can be linked to), lists the results in the <ol>, and puts
// "N results for “word”" in the polite live region. Focus stays where the reader is.
//
// The index (written by src/search.rs) is a folder of small JSON files:
//   words/<hex of the word's first two characters>.json   {"w": {"word": [page ids]}, "t": {…}}
//   pages/<id / 256>.json                                  [[url, title, summary]]
// A page matches when, for every word typed, its <main> has a word that starts with it.
// Pages with the words in their title come first, then pages with the whole words.
const PAGES_PER_CHUNK = 256; // PAGES_PER_CHUNK in src/search.rs
const SHOWN = 50;

const form = document.querySelector('form.search-form');
const input = document.getElementById('search-input');
const status = document.getElementById('search-status');
const list = document.getElementById('search-results');
const cache = new Map();
let latest = 0;

const FOLD = { a: /[à-å]/g, e: /[è-ë]/g, i: /[ì-ï]/g, o: /[ò-ö]/g, u: /[ù-ü]/g, c: /ç/g, n: /ñ/g };

/** The same words src/search.rs `words` finds: lowercase, accents folded, apostrophes
 *  dropped, runs of letters and digits of two characters or more. */
function words(text) {
  let t = text.toLowerCase();
  for (const [plain, accented] of Object.entries(FOLD)) t = t.replace(accented, plain);
  t = t.replace(/['’]/g, '');
  return [...new Set((t.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => [...w].length >= 2).map((w) => [...w].slice(0, 40).join('')))];
}

function shardName(word) {
  const firstTwo = [...word].slice(0, 2).join('');
  return [...new TextEncoder().encode(firstTwo)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function fetchJson(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(form.dataset.index + path).then((r) => {
      if (r.status === 404) return null; // no word starts with these letters
      if (!r.ok) throw new Error(`${path}: ${r.status}`);
      return r.json();
    }));
  }
  return cache.get(path);
}

/** Page ids for one typed word: all matches, whole-word matches, and title matches. */
async function idsFor(word) {
  const shard = (await fetchJson(`words/${shardName(word)}.json`)) ?? { w: {}, t: {} };
  const exact = new Set(shard.w[word] ?? []);
  const all = new Set(exact);
  const title = new Set();
  for (const [w, ids] of Object.entries(shard.w)) {
    if (w.startsWith(word)) for (const id of ids) all.add(id);
  }
  for (const [w, ids] of Object.entries(shard.t)) {
    if (w.startsWith(word)) for (const id of ids) title.add(id);
  }
  return { exact, all, title };
}

async function find(query) {
  const typed = words(query);
  if (typed.length === 0) return [];
  const sets = await Promise.all(typed.map(idsFor));
  let ids = [...sets[0].all].filter((id) => sets.every((s) => s.all.has(id)));
  const count = (id, kind) => sets.filter((s) => s[kind].has(id)).length;
  ids.sort((a, b) => count(b, 'title') - count(a, 'title') || count(b, 'exact') - count(a, 'exact') || a - b);
  return ids;
}

async function pageOf(id) {
  const chunk = await fetchJson(`pages/${Math.floor(id / PAGES_PER_CHUNK)}.json`);
  const [url, title, summary] = chunk[id % PAGES_PER_CHUNK];
  return { url, title, summary };
}

function say(text) {
  status.textContent = text;
}

async function run(query) {
  const ticket = ++latest;
  const shownQuery = query.trim();
  list.replaceChildren();
  list.hidden = true;
  if (words(shownQuery).length === 0) {
    say(shownQuery ? `Type a longer word than “${shownQuery}”.` : 'Type a word or phrase to search for.');
    return;
  }
  say('Searching…');
  let ids;
  let pages;
  try {
    ids = await find(shownQuery);
    pages = await Promise.all(ids.slice(0, SHOWN).map(pageOf));
  } catch {
    if (ticket === latest) say('Search is not available at the moment. Try the A to Z of pages instead.');
    return;
  }
  if (ticket !== latest) return;
  for (const p of pages) {
    const li = document.createElement('li');
    const h2 = document.createElement('h2');
    const a = document.createElement('a');
    a.href = p.url;
    a.textContent = p.title;
    h2.append(a);
    li.append(h2);
    if (p.summary) {
      const summary = document.createElement('p');
      summary.textContent = p.summary;
      li.append(summary);
    }
    list.append(li);
  }
  list.hidden = pages.length === 0;
  const total = ids.length;
  const noun = total === 1 ? 'result' : 'results';
  const shown = total > pages.length ? ` Showing the first ${pages.length}.` : '';
  say(total === 0 ? `No results for “${shownQuery}”.` : `${total} ${noun} for “${shownQuery}”.${shown}`);
}

if (form && input && status && list) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('q', input.value);
    window.history.replaceState(null, '', url);
    run(input.value);
  });
  const initial = new URL(window.location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    run(initial);
  }
}
