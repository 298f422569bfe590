// Runs `plainsite serve` on a site folder for a browser test or a benchmark.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Writes `files` ({ relative path: text }) under `root`. */
export function writeFiles(root, files) {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

/** Starts `BIN --root ROOT serve --port 0 ARGS…` and resolves with { child, url, log }
 *  once it prints `Serving on URL`. */
export function startServe(bin, root, args = []) {
  const child = spawn(bin, ['--root', root, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "Serving on" line:\n${log}`)), 120_000);
    child.stderr.on('data', (d) => (log += d));
    child.stdout.on('data', (d) => {
      log += d;
      const m = /Serving on (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], log: () => log });
      }
    });
    child.on('exit', (code) => reject(new Error(`plainsite serve exited with ${code}:\n${log}`)));
  });
}
