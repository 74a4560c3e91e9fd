#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kunit-summary.py RESULTS.json [test.log]

Reduce kunit.py's JSON results to per-suite lines and one closing line
'KUnit: N passed, N failed, N skipped'.  A KASAN, UBSAN or lockdep
report (or a sleep in atomic context) in the console log counts as a
failure even when KUnit itself said ok.  Exits 1
when anything failed or nothing ran.
"""
import json
import re
import sys

# Console lines that mean a checker caught something.
REPORTS = (r"BUG: KASAN|UBSAN:|BUG: sleeping function|BUG: scheduling while"
           r"|possible recursive locking|possible circular locking"
           r"|inconsistent lock state|suspicious RCU usage"
           r"|BUG: spinlock|BUG: lock held")


def walk(group, counts, lines, failed):
    own = {"passed": 0, "failed": 0, "skipped": 0}
    for case in group.get("test_cases", []):
        status = case.get("status", "FAIL")
        key = {"PASS": "passed", "SKIP": "skipped"}.get(status, "failed")
        own[key] += 1
        counts[key] += 1
        if key == "failed":
            failed.append("%s.%s" % (group.get("name", "?"), case.get("name", "?")))
    if group.get("test_cases"):
        lines.append("  %-32s %4d passed %3d failed %3d skipped"
                     % (group.get("name", "?"), own["passed"], own["failed"],
                        own["skipped"]))
    for sub in group.get("sub_groups", []):
        walk(sub, counts, lines, failed)


def main():
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    lines, failed = [], []
    with open(sys.argv[1]) as f:
        walk(json.load(f), counts, lines, failed)
    reports = []
    if len(sys.argv) > 2:
        with open(sys.argv[2], errors="replace") as f:
            reports = [l.rstrip() for l in f
                       if re.search(REPORTS, l)]
    print("\n".join(lines))
    for name in failed:
        print("  FAILED: " + name)
    for rep in reports[:10]:
        print("  SANITIZER: " + rep)
    if reports:
        counts["failed"] += 1
    print("KUnit: {passed} passed, {failed} failed, {skipped} skipped".format(**counts))
    return 1 if counts["failed"] or not counts["passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
