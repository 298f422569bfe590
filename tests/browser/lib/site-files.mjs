// Finding the pages of a built site.
import fs from 'node:fs';
import path from 'node:path';

/** Every `.html` file below root (recursively, following no symbolic links), sorted, as
 *  paths relative to root with `/` separators. */
export function listHtmlFiles(root) {
  return listFiles(root, (name) => /\.html?$/i.test(name));
}

export function listFiles(root, keep) {
  const out = [];
  const walk = (dir, rel) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), childRel);
      else if (entry.isFile() && keep(entry.name)) out.push(childRel);
    }
  };
  walk(root, '');
  return out.sort();
}

/** True when the HTML has a `<meta http-equiv="refresh" content="…">` that sends the reader
 *  to another URL (an alias redirect page). Such pages get only the Nu check. */
export function isRedirectPage(html) {
  for (const m of html.matchAll(/<meta\b[^>]*>/gi)) {
    const tag = m[0];
    if (!/\bhttp-equiv\s*=\s*["']?refresh\b/i.test(tag)) continue;
    const content = /\bcontent\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const value = content ? (content[2] ?? content[3] ?? content[4]) : '';
    if (/\burl\s*=/i.test(value)) return true;
  }
  return false;
}

/** The URL path a file is served at: `a/index.html` → `/a/`, `404.html` → `/404.html`. */
export function urlPathFor(relFile) {
  const encoded = relFile.split('/').map(encodeURIComponent).join('/');
  if (encoded === 'index.html') return '/';
  if (encoded.endsWith('/index.html')) return '/' + encoded.slice(0, -'index.html'.length);
  return '/' + encoded;
}

/** The pages of a site: [{ file, url, redirect }] for every .html file. */
export function sitePages(root) {
  return listHtmlFiles(root).map((file) => ({
    file,
    url: urlPathFor(file),
    redirect: isRedirectPage(fs.readFileSync(path.join(root, file), 'utf8')),
  }));
}
