#!/usr/bin/env python3
"""Images benchmark (issue #20): what a phone downloads, and what images cost a build.

    python3 bench/images.py                      # 200 images, target/release/plainsite
    python3 bench/images.py --count 50 --binary target/release/plainsite

1. Five phone-sized photos (4,032 x 3,024 JPEG with EXIF and sensor-like noise) are made
   by an ignored test (`make_bench_photos` in tests/images.rs).
2. A page showing the five: bytes a 375 px phone at 2 device pixels per CSS pixel
   downloads before (the originals, as plainsite copied them until now) and after
   (for each image the smallest WebP candidate at least 2 x 343 px wide, 343 px being
   the column at 375 px under the theme's `sizes`, as the browser picks it).
3. A site of 40 pages x 5 photos = 200 images (each photo file made unique by bytes
   after its end marker, so the content-hash cache cannot share them), and the same
   pages without images. Timed with /usr/bin/time -v: a cold build (empty cache),
   then warm builds (cache full) of both; peak memory of each.
Everything goes to bench/.work/images/ (the sites are removed at the end: about 1 GB).
Prints a Markdown table.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, ".work", "images")
SITE_YAML = """title: Image bench
base_url: https://bench.example.org/
language: en-GB
report_concern: {text: Report a concern, url: /, note: In an emergency call 999.}
contact: {name: Web team, email: web@example.org}
"""


def timed(binary, root, out):
    shutil.rmtree(out, ignore_errors=True)
    t = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-v", binary, "--root", root, "build", "--output", out],
                       capture_output=True, text=True)
    wall = time.monotonic() - t
    if r.returncode != 0:
        raise SystemExit(r.stderr[-2000:])
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1))
    return wall, peak / 1024


def page(i, images):
    body = "\n\n".join(
        f"Paragraph {n} of page {i}: partners met to plan the year and shared what went well.\n\n"
        + (f"![Photo {n} of the partnership day, page {i}](photo-{n}.jpg)" if images else "")
        for n in range(1, 6))
    return f"---\ntitle: Page {i}\ndescription: Photos from day {i}.\n---\n\n{body}\n"


def make_site(root, photos, pages, images):
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(os.path.join(root, "content"))
    open(os.path.join(root, "site.yaml"), "w").write(SITE_YAML)
    open(os.path.join(root, "content", "_index.md"), "w").write("---\ntitle: Home\ndescription: Bench.\n---\n\nHome.\n")
    for i in range(pages):
        d = os.path.join(root, "content", "days", f"day-{i}")
        os.makedirs(d)
        open(os.path.join(d, "index.md"), "w").write(page(i, images))
        if images:
            for n in range(1, 6):
                data = open(os.path.join(photos, f"photo-{n}.jpg"), "rb").read()
                open(os.path.join(d, f"photo-{n}.jpg"), "wb").write(data + f"unique {i}".encode())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=os.path.join(REPO, "target", "release", "plainsite"))
    ap.add_argument("--count", type=int, default=200, help="images in the build-time site (a multiple of 5)")
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    binary = os.path.abspath(a.binary)
    photos = os.path.join(WORK, "photos")
    if not os.path.exists(os.path.join(photos, "photo-5.jpg")):
        subprocess.run(["cargo", "test", "--quiet", "--test", "images", "--", "--ignored", "make_bench_photos"],
                       cwd=REPO, check=True, env={**os.environ, "PLAINSITE_BENCH_PHOTOS": photos})

    # 2. One page, five photos, a 375 px phone.
    one = os.path.join(WORK, "one")
    make_site(one, photos, 1, True)
    out = os.path.join(WORK, "one-out")
    timed(binary, one, out)
    html = open(os.path.join(out, "days", "day-0", "index.html")).read()
    before = sum(os.path.getsize(os.path.join(one, "content", "days", "day-0", f"photo-{n}.jpg")) for n in range(1, 6))
    after = 0
    for srcset in re.findall(r'<source type="image/webp" srcset="([^"]+)"', html):
        candidates = sorted((int(w), url) for url, w in (c.strip().rsplit(" ", 1) for c in srcset.split(",")) for w in [w[:-1]])
        pick = next((url for w, url in candidates if w >= 2 * 343), candidates[-1][1])
        after += os.path.getsize(os.path.join(out, pick.lstrip("/")))

    # 3. 200 images: cold and warm, and the same pages without images.
    pages = a.count // 5
    big, plain = os.path.join(WORK, "big"), os.path.join(WORK, "plain")
    make_site(big, photos, pages, True)
    make_site(plain, photos, pages, False)
    bout, pout = os.path.join(WORK, "big-out"), os.path.join(WORK, "plain-out")
    cold = timed(binary, big, bout)
    warm = [timed(binary, big, bout) for _ in range(a.runs)]
    bare = [timed(binary, plain, pout) for _ in range(a.runs)]
    med = lambda xs: statistics.median(x[0] for x in xs)
    peak = lambda xs: max(x[1] for x in xs)
    print("| measure | figure |\n|---|---|")
    print(f"| phone (375 px, 2x) downloads for 5 photos | {after / 1024:.0f} KB of {before / 1024:.0f} KB originals = {100 * after / before:.1f}% |")
    print(f"| cold build, {a.count} images | {cold[0]:.2f} s, peak {cold[1]:.0f} MB |")
    print(f"| warm build, {a.count} images (median of {a.runs}) | {med(warm):.3f} s, peak {peak(warm):.0f} MB |")
    print(f"| same pages, no images (median of {a.runs}) | {med(bare):.3f} s, peak {peak(bare):.0f} MB |")
    print(f"| warm build cost of images | {100 * (med(warm) / med(bare) - 1):+.1f}% |")
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    # About 1 GB of copied photos: not left behind on a shared disk.
    for d in (one, out, big, plain, bout, pout):
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
