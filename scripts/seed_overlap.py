#!/usr/bin/env python3
"""Check that the site's content does not copy passages from the seed text.

The seed is the published source material in ../shared/seed/ (relative to the
repository root). Facts and figures from it may be used, but every sentence in
content/ must be written afresh. This script finds every run of 12 or more
consecutive words that appears both in a content file and in the seed.

Both texts are normalised the same way: lower case, and a word is a run of
letters or digits, so Markdown and YAML punctuation is ignored.

Usage:
    python3 scripts/seed_overlap.py [SEED_GLOB_OR_FILE ...] [--content DIR] [--min N]

Exit status: 0 when no runs are found, 1 when at least one is found,
2 when the seed or the content cannot be read.
"""

import argparse
import glob
import os
import re
import sys

WORD = re.compile(r"[^\W_]+")


def words(text):
    """Lower-case words: runs of letters or digits."""
    return WORD.findall(text.lower())


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


def seed_files(patterns, root):
    files = []
    for pattern in patterns:
        if not os.path.isabs(pattern):
            pattern = os.path.join(root, pattern)
        matched = sorted(glob.glob(pattern))
        if not matched and os.path.isfile(pattern):
            matched = [pattern]
        files.extend(matched)
    return files


def content_files(content_dir):
    found = []
    for dirpath, dirnames, filenames in os.walk(content_dir):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith(".md"):
                found.append(os.path.join(dirpath, name))
    return found


def shingles(seq, n):
    return {tuple(seq[i:i + n]) for i in range(len(seq) - n + 1)}


def runs_in(doc_words, seed_grams, n):
    """Maximal runs of n or more words whose every n-gram is in the seed."""
    hits = [tuple(doc_words[i:i + n]) in seed_grams
            for i in range(len(doc_words) - n + 1)]
    runs = []
    i = 0
    while i < len(hits):
        if hits[i]:
            start = i
            while i + 1 < len(hits) and hits[i + 1]:
                i += 1
            runs.append((start, i + n))  # word span [start, end)
        i += 1
    return runs


def main(argv=None):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(
        description="Report runs of words shared by content/ and the seed text.")
    parser.add_argument("seed", nargs="*", default=["../shared/seed/*.txt"],
                        help="seed files or glob patterns, relative to the "
                             "repository root (default: ../shared/seed/*.txt)")
    parser.add_argument("--content", default="content",
                        help="content folder, relative to the repository root")
    parser.add_argument("--min", type=int, default=12, dest="n",
                        help="shortest run to report (default 12 words)")
    args = parser.parse_args(argv)

    seeds = seed_files(args.seed, root)
    if not seeds:
        print("seed overlap: no seed files found for %s" % " ".join(args.seed),
              file=sys.stderr)
        return 2

    seed_grams = set()
    for path in seeds:
        seed_grams |= shingles(words(read(path)), args.n)

    content_dir = args.content
    if not os.path.isabs(content_dir):
        content_dir = os.path.join(root, content_dir)
    if not os.path.isdir(content_dir):
        print("seed overlap: no content folder at %s" % content_dir,
              file=sys.stderr)
        return 2

    files = content_files(content_dir)
    total = 0
    for path in files:
        doc = words(read(path))
        for start, end in runs_in(doc, seed_grams, args.n):
            total += 1
            rel = os.path.relpath(path, root)
            print("%s: %d words: %s" % (rel, end - start, " ".join(doc[start:end])))

    print("seed overlap: %d runs of %d+ words in %d files" % (total, args.n, len(files)))
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
