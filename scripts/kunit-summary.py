#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kunit-summary.py RESULTS.json [test.log [EXPECT CONFIG]]

Reduce kunit.py's JSON results to per-suite lines and one closing line
'KUnit: N passed, N failed, N skipped'.

Counted as failures even when KUnit itself said ok:
  - a report on the console log (a WARN, BUG, oops, lockdep or sanitizer
    report: scripts/splat_scan.py, with its allow-list);
  - against EXPECT (tests/kunit/expected-suites) for CONFIG: a suite that
    did not run, a suite with fewer cases than its minimum, a skipped
    case the file does not allow with a reason.
Exits 1 when anything failed or nothing ran.
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import splat_scan  # noqa: E402


def tally(group, name, own, counts, failed, suites):
    """Count GROUP's cases into OWN and COUNTS; a parameterized case is a
    sub-group whose test_cases are its parameters (each one counted)."""
    for case in group.get("test_cases", []):
        status = case.get("status", "FAIL")
        key = {"PASS": "passed", "SKIP": "skipped"}.get(status, "failed")
        own[key] += 1
        counts[key] += 1
        full = "%s.%s" % (name, case.get("name", "?"))
        if key == "failed":
            failed.append(full)
        elif key == "skipped":
            suites.setdefault("#skipped", []).append(full)
    for sub in group.get("sub_groups", []):
        tally(sub, "%s.%s" % (name, sub.get("name", "?")), own, counts,
              failed, suites)


def walk(root, counts, lines, failed, suites):
    """Each sub-group of the root is a suite."""
    for suite in root.get("sub_groups", []):
        name = suite.get("name", "?")
        own = {"passed": 0, "failed": 0, "skipped": 0}
        tally(suite, name, own, counts, failed, suites)
        own["cases"] = len(suite.get("test_cases", [])) + \
            len(suite.get("sub_groups", []))
        suites[name] = own
        lines.append("  %-32s %4d passed %3d failed %3d skipped"
                     % (name, own["passed"], own["failed"], own["skipped"]))


def load_expect(path, config):
    """{suite: min cases} and {suite.case: reason} for CONFIG."""
    want, skips = {}, {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            text, _, reason = line.partition(" # ")
            words = text.split()
            if not words or words[0].startswith("#"):
                continue
            if words[0] == "skip" and len(words) == 3:
                if not reason.strip():
                    raise ValueError("%s:%d: a skip needs ' # <reason>'" % (path, n))
                if words[1] == config:
                    skips[words[2]] = reason.strip()
                continue
            if len(words) != 3 or not words[2].isdigit():
                raise ValueError("%s:%d: want '<config> <suite> <min cases>'" % (path, n))
            if words[0] == config:
                want[words[1]] = int(words[2])
    if not want:
        raise ValueError("%s: no suite expected for config '%s'" % (path, config))
    return want, skips


def check_expect(suites, want, skips):
    """Messages for every way the run falls short of EXPECT."""
    out = []
    for suite, least in sorted(want.items()):
        got = suites.get(suite)
        if got is None:
            out.append("suite %s did not run (expected >= %d cases)" % (suite, least))
        elif got["cases"] < least:
            out.append("suite %s ran %d cases, expected >= %d"
                       % (suite, got["cases"], least))
    for case in suites.get("#skipped", []):
        if case not in skips:
            out.append("case %s was skipped (no allowed reason)" % case)
    for suite in sorted(set(suites) - set(want) - {"#skipped"}):
        out.append("suite %s ran but is not in the expected list: add it" % suite)
    return out


def main():
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    lines, failed, suites = [], [], {}
    with open(sys.argv[1]) as f:
        walk(json.load(f), counts, lines, failed, suites)
    reports, shortfalls = [], []
    if len(sys.argv) > 2:
        allow = splat_scan.load_allow(splat_scan.DEFAULT_ALLOW)
        reports, _ = splat_scan.scan([sys.argv[2]], allow)
    if len(sys.argv) > 4:
        want, skips = load_expect(sys.argv[3], sys.argv[4])
        shortfalls = check_expect(suites, want, skips)
    print("\n".join(lines))
    for name in failed:
        print("  FAILED: " + name)
    for _, n, text in reports[:10]:
        print("  SPLAT: test.log:%d: %s" % (n, text))
    for msg in shortfalls:
        print("  EXPECTED: " + msg)
    counts["failed"] += len(shortfalls) + (1 if reports else 0)
    print("KUnit: {passed} passed, {failed} failed, {skipped} skipped".format(**counts))
    return 1 if counts["failed"] or not counts["passed"] else 0


if __name__ == "__main__":
    sys.exit(main())
