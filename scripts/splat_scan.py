#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""splat_scan.py [--allow FILE] LOG...

Find what a kernel or Xen prints when something went wrong (a WARN, a
BUG, an oops, a lockdep or sanitizer report, a Xen assertion or IOMMU
fault) in console logs, and fail unless an allow-list entry names it.

The allow-list (default: tests/splat-allow.txt) has one entry per line:
a Python regular expression, then " # ", then the reason it is harmless.
An entry without a reason is refused, so nothing is allowed silently.

Prints each report as "SPLAT: <file>:<line>: <text>" (at most 20) and
"splat_scan: N reports, M allowed"; exits 1 if any report is not allowed,
2 on a bad allow-list or an unreadable log.  Also a module: kunit-summary
imports scan().
"""
import os
import re
import sys

# Console text that means a checker or the kernel caught something.
# Lockdep's reports all start "WARNING:" in Linux 6.1 (circular and
# recursive locking, -safe -> -unsafe order, irq lock inversion, bad
# unlock balance, held lock freed, lock held when returning to user
# space, nested lock not taken), as do WARN_ON and lockdep_assert_*().
KERNEL = (r"WARNING:|BUG:|-+\[ cut here \]-+|\bOops\b|general protection fault"
          r"|UBSAN:|Kernel panic|kernel BUG at|detected stalls on CPUs"
          r"|blocked for more than \d+ seconds")
# Xen: assertions, BUG/WARN, panics, traps it could not handle, IOMMU
# faults (a device's DMA the IOMMU refused).
XEN = (r"\(XEN\) .*(Assertion '|Xen BUG at|Xen WARN at|Panic on CPU"
       r"|FATAL TRAP|FATAL PAGE FAULT|fault addr|Xen call trace)")
PATTERN = re.compile("(%s)|(%s)" % (KERNEL, XEN))
# The harness's own lines, which may name these words.
OURS = re.compile(r"^\s*(not )?ok\b|^# |^SPLAT: ")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_ALLOW = os.path.join(HERE, "..", "tests", "splat-allow.txt")


def load_allow(path):
    """The allow-list as (regex, reason) pairs; ValueError on a bad line."""
    entries = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            regex, sep, reason = line.partition(" # ")
            if not sep or not reason.strip() or not regex.strip():
                raise ValueError("%s:%d: want '<regex> # <reason>'" % (path, n))
            try:
                entries.append((re.compile(regex.strip()), reason.strip()))
            except re.error as e:
                raise ValueError("%s:%d: %s" % (path, n, e))
    return entries


CUT = re.compile(r"-+\[ cut here \]-+")


def scan(paths, allow):
    """(reports, allowed): lists of (file, line number, text).  A "cut
    here" line belongs to the report that follows it within 3 lines and
    is allowed with it."""
    reports, allowed = [], []
    for path in paths:
        hits = []
        with open(path, errors="replace") as f:
            for n, line in enumerate(f, 1):
                text = line.rstrip().replace("\r", "")
                if not OURS.search(text) and PATTERN.search(text):
                    hits.append((path, n, text))
        for i, hit in enumerate(hits):
            nxt = hits[i + 1] if i + 1 < len(hits) else None
            if CUT.search(hit[2]) and nxt and nxt[1] - hit[1] <= 3:
                continue
            if any(r.search(hit[2]) for r, _ in allow):
                allowed.append(hit)
            else:
                reports.append(hit)
    return reports, allowed


def main(argv):
    allow_path = DEFAULT_ALLOW
    if len(argv) > 2 and argv[1] == "--allow":
        allow_path = argv[2]
        argv = argv[2:]
    paths = argv[1:]
    if not paths:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        return 2
    try:
        allow = load_allow(allow_path)
        reports, allowed = scan(paths, allow)
    except (OSError, ValueError) as e:
        print("splat_scan: %s" % e, file=sys.stderr)
        return 2
    for path, n, text in reports[:20]:
        print("SPLAT: %s:%d: %s" % (os.path.basename(path), n, text))
    for path, n, text in allowed[:5]:
        print("# allowed: %s:%d: %s" % (os.path.basename(path), n, text))
    print("splat_scan: %d reports, %d allowed (%s)"
          % (len(reports), len(allowed), " ".join(os.path.basename(p) for p in paths)))
    return 1 if reports else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
