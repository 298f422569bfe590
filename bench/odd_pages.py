#!/usr/bin/env python3
"""Odd pages: the time `plainsite build` takes on a starter site with one odd page.

Each case is one page body repeated many times: the same heading, one word in
capitals, a glossary term, a line of link brackets, template code. Each once cost time that grew
with the square of the page's length, so a page of a few hundred KB took minutes;
a build of each should now take well under two seconds. The test suite runs the
same inputs for their results, never for their time.

    cargo build --release
    python3 bench/odd_pages.py --binary target/release/plainsite

Python 3 standard library only; /usr/bin/time gives the peak memory when present.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

# (name, body, times): the page is `body` repeated `times` times.
CASES = [
    ("one heading repeated", "## Same\n\ntext\n\n", 40_000),
    ("one unknown word in capitals", "ABCD ", 100_000),
    ("one glossary term", "MASH ", 100_000),
    ("one glossary term, one unknown word", "MASH ", 100_000),
    ("different unknown abbreviations", "ZQ{n} a ", 40_000),
    ("link brackets left open", "[a](", 100_000),
    ("link brackets left open", "[a](", 400_000),
    ("spaces before link addresses", "[a] (b.md) ", 40_000),
    ("template code", "{{ x }} ", 40_000),
    ("template code left open", "{{ a ", 40_000),
    ("language markers not read", "{lang ", 40_000),
]


def body(text, times):
    if "{n}" in text:
        return "".join(text.replace("{n}", str(n)) for n in range(times))
    return text * times


def run(binary, site, out):
    """Seconds and peak KB (or None) of one build of `site` into `out`."""
    timer = ["/usr/bin/time", "-f", "%M"] if os.path.exists("/usr/bin/time") else []
    start = time.perf_counter()
    done = subprocess.run(
        timer + [binary, "build", "-q", "--output", out],
        cwd=site,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak = done.stderr.strip().splitlines()[-1] if timer and done.stderr.strip() else None
    return seconds, peak, done.returncode


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="target/release/plainsite")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    with tempfile.TemporaryDirectory() as work:
        starter = os.path.join(work, "starter")
        subprocess.run([binary, "init", starter], check=True, capture_output=True)
        with open(os.path.join(starter, "data", "glossary.yaml"), "a") as f:
            f.write("MASH: Multi-Agency Safeguarding Hub\n")
        print("| page | size | seconds | peak memory | exit |")
        print("|---|---:|---:|---:|---:|")
        for n, (name, text, times) in enumerate(CASES):
            site = os.path.join(work, f"site-{n}")
            shutil.copytree(starter, site)
            page = body(text, times)
            if name.endswith("one unknown word"):
                page += "ZZZ"
            with open(os.path.join(site, "content", "odd.md"), "w") as f:
                f.write(f"---\ntitle: Odd page\n---\n\n{page}\n")
            seconds, peak, code = run(binary, site, os.path.join(work, f"out-{n}"))
            memory = f"{int(peak) // 1024} MB" if peak and peak.isdigit() else "?"
            label = f"`{text!r}` × {times:,}: {name}"
            print(f"| {label} | {len(page) // 1000} KB | {seconds:.2f} | {memory} | {code} |")
            shutil.rmtree(site)
    return 0


if __name__ == "__main__":
    sys.exit(main())
