#!/usr/bin/env python3
"""Typical page weight of a built site: the median over its pages of the page's HTML
plus every stylesheet it links. Fails when the median is over the limit (30 KB).

Usage: python3 scripts/page_weight.py BUILT_SITE_DIR [LIMIT_KB]
"""
import os
import re
import statistics
import sys

LINK = re.compile(rb'<link rel="stylesheet" href="([^"]+)"')


def weights(root, base_path="/"):
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".html"):
                continue
            html = open(os.path.join(folder, name), "rb").read()
            if b'http-equiv="refresh"' in html:
                continue  # a redirect, not a page
            total = len(html)
            for href in LINK.findall(html):
                path = href.decode()
                if path.startswith(base_path):
                    path = path[len(base_path):]
                total += os.path.getsize(os.path.join(root, path.lstrip("/")))
            yield total


def main():
    root = sys.argv[1]
    limit_kb = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    found = sorted(weights(root))
    median_kb = statistics.median(found) / 1024
    print(f"page weight: {len(found)} pages, median {median_kb:.1f} KB (HTML + CSS), largest {found[-1] / 1024:.1f} KB, limit {limit_kb:.0f} KB")
    sys.exit(0 if median_kb <= limit_kb else 1)


if __name__ == "__main__":
    main()
