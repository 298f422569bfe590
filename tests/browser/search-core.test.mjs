// Search without a browser: the words, lists, score, phrases, closeness, excerpts and
// corrections of themes/default/static/js/search-core.js, in Node. The list string and
// the hash below are asserted on the Rust side too (src/search/encode.rs), so the index
// and the browser read the same format.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  bucketOf, closeness, correction, decodeList, excerpt, oneEditApart, parseQuery, phraseStarts, rank, shortestSpan, stem, tokens,
  useLanguage, words,
} from '../../themes/default/static/js/search-core.js';

describe('search core', () => {
  it('splits words as the index does', () => {
    assert.deepEqual(words('Élan, CAFÉ’s 7-minute a'), ['elan', 'cafes', 'minute']);
    assert.deepEqual(tokens('Neglected children').map((t) => t.stem), ['neglect', 'children']);
  });

  it('reads the index format the Rust side writes', () => {
    assert.deepEqual(decodeList('BBB_nBHkhBUkpjCC'), [[0, 1], [1, 63], [40, 7], [1100, 20], [70000, 2]]);
    assert.deepEqual(decodeList(''), []);
    assert.deepEqual(decodeList('B'), [], 'a cut list ends quietly');
    assert.equal(bucketOf('neglect', 2 ** 32 - 1), 788_627_041);
    assert.equal(bucketOf('anything', 0), 0);
  });

  it('parses quoted phrases, curly quotes and unclosed quotes', () => {
    const q = parseQuery('“Early help” assessment "signs of safety');
    assert.deepEqual(q.phrases, [['earli', 'help'], ['sign', 'of', 'safeti']]);
    assert.deepEqual(q.stems, ['earli', 'help', 'assess', 'sign', 'of', 'safeti']);
    assert.deepEqual(parseQuery('"neglect"').phrases, [], 'one quoted word is a word');
  });

  it('ranks pages with every word, rarer words and higher scores first', () => {
    // 100 pages; "neglect" on 3 of them, "care" on 50.
    const neglect = [[1, 20], [2, 60], [3, 20]];
    const care = Array.from({ length: 50 }, (_, i) => [i, i === 3 ? 63 : 10]);
    const both = rank([neglect, care], 100);
    assert.deepEqual(both.map((r) => r.id), [2, 3, 1], 'page 2 has the rarer word most');
    assert.ok(both[1].score > both[2].score, 'more of the common word breaks the tie');
    assert.deepEqual(rank([neglect, []], 100), [], 'a word no page has finds nothing');
    assert.deepEqual(rank([care], 100)[0].id, 3);
  });

  it('keeps a quoted phrase only where its words stand side by side, in order', () => {
    const q = parseQuery('"early help"');
    assert.equal(closeness(tokens('Help came early to the family.'), q), null);
    assert.equal(closeness(tokens('The help offered early.'), q), null);
    assert.ok(closeness(tokens('Offer early help to families.'), q) > 1);
    assert.deepEqual(phraseStarts(tokens('early help and early helping'), ['earli', 'help']), [0, 3]);
  });

  it('ranks words close together above words far apart', () => {
    const q = parseQuery('early help');
    const far = closeness(tokens(`Early in the year ${'word '.repeat(40)} we asked for help.`), q);
    const near = closeness(tokens('We give early help.'), q);
    assert.ok(near > far, `${near} > ${far}`);
    assert.equal(near, 2);
    assert.deepEqual(shortestSpan(tokens('help xx early yy zz help'), ['earli', 'help']), { from: 0, to: 2 });
    assert.equal(shortestSpan(tokens('help only'), ['earli', 'help']), null);
  });

  it('cuts an excerpt around the best match and marks the words', () => {
    const text = `${'Opening words here. '.repeat(20)}Signs that a child is neglected include hunger. ${'Closing words. '.repeat(20)}`;
    const pieces = excerpt(text, parseQuery('neglect'));
    const joined = pieces.map((p) => p.text).join('');
    assert.match(joined, /^… .*child is neglected include hunger.* …$/);
    assert.deepEqual(pieces.filter((p) => p.mark).map((p) => p.text), ['neglected']);
    assert.ok(joined.split(' ').length < 40, joined);
    assert.deepEqual(excerpt('Nothing here', parseQuery('neglect')), []);
    // Page text is only ever text: markup in it is returned as characters.
    const html = excerpt('Text <img src=x onerror=alert(1)> neglect', parseQuery('neglect'));
    assert.equal(html[0].text, 'Text <img src=x onerror=alert(1)> ');
    assert.equal(html[1].mark, true);
  });

  it('corrects one edit in words of five letters or more', () => {
    assert.ok(oneEditApart('neglect', 'neglcet'));
    assert.ok(oneEditApart('neglect', 'neglectt'));
    assert.ok(!oneEditApart('neglect', 'nglcet'));
    const vocabulary = [['neglect', 30], ['neglected', 5], ['safeguarding', 40], ['select', 2]];
    assert.equal(correction('neglcet', vocabulary), 'neglect');
    assert.equal(correction('safegaurding', vocabulary), 'safeguarding');
    assert.equal(correction('nglct', vocabulary), null);
    assert.equal(correction('cre', [['care', 9]]), null, 'short words are not corrected');
  });

  // The same words as src/search/text.rs and terms.rs give (their unit tests use the
  // same examples), so the index of each language and its search page agree.
  it('folds Polish and Welsh letters and keeps Urdu words whole', () => {
    assert.deepEqual(words('ZGŁOŚ źródło, Ŵyŷ'), ['zglos', 'zrodlo', 'wyy']);
    assert.deepEqual(words('Zgłoś ŻÓŁW'), ['zglos', 'zolw']);
    assert.deepEqual(words('بچے کی حفاظت۔ رپورٹ،کریں؟ کَم'), ['بچے', 'کی', 'حفاظت', 'رپورٹ', 'کریں', 'کَم']);
  });

  it('stems English only, by the language of the page', () => {
    try {
      useLanguage('pl');
      assert.equal(stem('obawy'), 'obawy');
      assert.deepEqual(parseQuery('Zgłoś obawy').stems, ['zglos', 'obawy']);
      assert.deepEqual(tokens('Neglected children').map((t) => t.stem), ['neglected', 'children']);
      useLanguage('ur');
      assert.deepEqual(parseQuery('حفاظت۔').stems, ['حفاظت']);
      useLanguage('en-GB');
      assert.equal(stem('obawy'), 'obawi');
      assert.deepEqual(parseQuery('neglected').stems, ['neglect']);
      useLanguage('');
      assert.equal(stem('neglected'), 'neglect', 'no language means English');
    } finally {
      useLanguage('en');
    }
  });
});
