// Reads words from standard input, one a line, and prints each one's stem from the
// browser-side stemmer (themes/default/static/js/stem.js), one a line.
// Run by tests/search_stem.rs, which compares the output with rust-stemmers.
import { readFileSync } from 'node:fs';
import { stem } from '../../themes/default/static/js/stem.js';

const words = readFileSync(0, 'utf8').split('\n').filter((w) => w.length > 0);
process.stdout.write(words.map(stem).join('\n') + '\n');
