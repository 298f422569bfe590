// The Nu HTML Checker (vnu.jar from the vnu-jar package), run with the system `java`.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './site-files.mjs';

const require = createRequire(import.meta.url);
/** node_modules/vnu-jar/build/dist/vnu.jar, found through the package itself. */
export const VNU_JAR = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');

/** CSS files are checked too (`--also-check-css`), unless PLAINSITE_VNU_CSS=0. */
export const CHECK_CSS = process.env.PLAINSITE_VNU_CSS !== '0';

/**
 * Checks every .html file (and .css file, with CHECK_CSS) below `folder`, in one JVM.
 * Resolves to { htmlFiles, cssFiles, errors: [{ file, line, column, message, extract }] }
 * with `file` relative to `folder`. Rejects only if java could not run or said nothing
 * readable.
 */
export async function runVnu(folder, { css = CHECK_CSS } = {}) {
  const htmlFiles = listFiles(folder, (n) => /\.(html?|xhtml|xht)$/i.test(n)).length;
  const cssFiles = css ? listFiles(folder, (n) => /\.css$/i.test(n)).length : 0;
  const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', '--stdout', '--skip-non-html'];
  if (css) args.push('--also-check-css');
  args.push(folder);
  const stdout = await new Promise((resolve, reject) => {
    // vnu exits 1 when it found errors; that is not a failure to run.
    execFile('java', args, { maxBuffer: 256 * 1024 * 1024 }, (err, out, errOut) => {
      if (err && typeof err.code !== 'number') return reject(new Error(`could not run java (run scripts/install-test-deps.sh): ${err.message}`));
      if (!out.trim()) return reject(new Error(`vnu printed no report (exit ${err?.code ?? 0}): ${errOut}`));
      resolve(out);
    });
  });
  let report;
  try {
    report = JSON.parse(stdout);
  } catch (e) {
    throw new Error(`vnu report is not JSON: ${e.message}\n${stdout.slice(0, 2000)}`);
  }
  const errors = [];
  for (const m of report.messages ?? []) {
    if (m.type !== 'error' && m.type !== 'non-document-error') continue;
    const abs = m.url ? fileURLToPath(m.url) : folder;
    errors.push({
      file: path.relative(folder, abs) || path.basename(abs),
      line: m.lastLine ?? m.firstLine ?? 0,
      column: m.firstColumn ?? m.lastColumn ?? 0,
      message: m.message,
      extract: m.extract,
    });
  }
  return { htmlFiles, cssFiles, errors };
}

export function formatVnuError(e) {
  const where = `${e.file}:${e.line}:${e.column}`;
  return `${where}: ${e.message}` + (e.extract ? `\n      ${JSON.stringify(e.extract)}` : '');
}
