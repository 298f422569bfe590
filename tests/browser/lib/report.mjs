// Totals for one site folder, and the lines the CI log shows.
import path from 'node:path';
import { formatVnuError } from './vnu.mjs';

/** How a folder is named in the log: relative to the working directory when inside it. */
export function siteLabel(folder) {
  const rel = path.relative(process.cwd(), path.resolve(folder));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.resolve(folder);
}

export class SiteTally {
  constructor(label) {
    this.label = label;
    this.pages = 0;
    this.redirects = 0;
    this.loadFailures = 0;
    this.axeWcag = 0;
    this.axeBestPractice = 0;
    this.sideways = 0;
    this.skipLinkFirst = 0;
    this.printHides = 0;
    this.vnu = null;
  }

  /** Records one page's result from checkPage. */
  add(failures) {
    this.pages += 1;
    if (failures.load.length) this.loadFailures += 1;
    this.axeWcag += failures['axe-wcag'].length;
    this.axeBestPractice += failures['axe-best-practice'].length;
    if (failures['sideways-scroll'].length) this.sideways += 1;
    if (!failures.load.length && !failures['skip-link'].length) this.skipLinkFirst += 1;
    if (!failures.load.length && !failures['print-nav'].length) this.printHides += 1;
  }

  /** Records a redirect page (given the Nu check only). */
  addRedirect() {
    this.redirects += 1;
  }

  addVnu(result) {
    this.vnu = result;
  }

  summaryLines() {
    const n = this.pages;
    let site =
      `site ${this.label}: ${n} pages, ${this.axeWcag} axe WCAG violations, ` +
      `${this.axeBestPractice} axe best-practice violations, ${this.sideways} sideways-scrolling pages, ` +
      `${this.skipLinkFirst}/${n} skip link first, print hides nav on ${this.printHides}/${n}`;
    if (this.redirects) site += ` (+${this.redirects} redirect pages, Nu-checked only)`;
    if (this.loadFailures) site += `, ${this.loadFailures} pages failed to load`;
    const lines = [site];
    if (this.vnu) {
      const v = this.vnu;
      const files = v.cssFiles ? `${v.htmlFiles + v.cssFiles} files (${v.htmlFiles} HTML, ${v.cssFiles} CSS)` : `${v.htmlFiles} files`;
      lines.push(`vnu: ${files}, ${v.errors.length} errors (site ${this.label})`);
    } else {
      lines.push(`vnu: not run (site ${this.label})`);
    }
    return lines;
  }
}

/** One assertion message for a page's failures, or '' when it passed. */
export function pageFailureMessage(url, failures) {
  const lines = [];
  for (const [kind, msgs] of Object.entries(failures)) {
    for (const m of msgs) lines.push(`  [${kind}] ${m}`);
  }
  return lines.length ? `page ${url} failed ${lines.length} check(s):\n${lines.join('\n')}` : '';
}

export function vnuFailureMessage(label, errors) {
  if (!errors.length) return '';
  return `Nu HTML Checker: ${errors.length} error(s) in site ${label}:\n` +
    errors.map((e) => '  ' + formatVnuError(e)).join('\n');
}
