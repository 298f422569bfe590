// Reads lines of text from standard input and prints, for each, its searchable words
// as the browser cuts them (themes/default/static/js/search-core.js), joined by single
// spaces, one line each. Run by tests/search_stem.rs, which compares the output with
// the index's tokeniser (plainsite::search::words).
import { readFileSync } from 'node:fs';
import { words } from '../../themes/default/static/js/search-core.js';

const lines = readFileSync(0, 'utf8').split('\n');
lines.pop();
process.stdout.write(lines.map((line) => words(line).join(' ')).join('\n') + '\n');
