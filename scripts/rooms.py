#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""rooms.py DIR [--graph] [--layers TOP,...,BOTTOM]

List the calls between the files of a module and fail on a cycle, or on
an arrow that points up a layer.

DIR is a source folder after a build (drivers/xen/xen-pciback): every
object file the module is linked from (kbuild's <module>.mod lists
them; without one, every object file below DIR) is read with nm(1); a
symbol one file leaves undefined and another defines is an arrow from
the first to the second.  Local includes ("x.h") are arrows too, from
the including file's room to the header's.  A file and its header are
one room (foo.c and foo.h: "foo").

Prints every cycle (a strongly connected set of rooms, with the symbols
that tie it) and "rooms: N rooms, M arrows, K cycles"; --graph also
prints every arrow.

--layers names the folders below DIR from the top layer to the bottom
one, "+" joining folders that share a layer
(surface,backend,device,engine+abi+ops+topo).  Every room must then sit
in one of them (a file left flat in DIR is reported), and every arrow
must stay in its layer or point down; an arrow up is printed with its
symbols.

Exit status: 0 when clean, 1 with a cycle, an arrow up or an unplaced
room, 2 when DIR holds no object file (build first), nm fails or the
arguments are wrong.
"""
import os
import re
import subprocess
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def room_of(path, top):
    """A file's room: its path below top without the extension."""
    rel = os.path.relpath(path, top)
    return os.path.splitext(rel)[0]


def objects(top):
    """The object files the module is linked from.

    kbuild lists them in <module>.mod; reading that list keeps out the
    leftovers of an older layout that a tree built before may still
    hold.  Without a .mod: every object file below top but linked ones.
    """
    mods = sorted(os.path.join(d, f) for d, _, fs in os.walk(top)
                  for f in fs if f.endswith(".mod"))
    if mods:
        found = set()
        for m in mods:
            with open(m) as fh:
                for tok in fh.read().split():
                    path = os.path.abspath(tok)
                    if path.startswith(top + os.sep) and os.path.isfile(path):
                        found.add(path)
        return sorted(found)
    found = []
    for d, _, files in os.walk(top):
        for f in files:
            if f.endswith(".o") and not f.endswith(".mod.o"):
                found.append(os.path.join(d, f))
    return sorted(found)


def symbols(obj):
    """(defined, undefined) global symbols of one object file."""
    out = subprocess.run(["nm", obj], capture_output=True, text=True,
                         check=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == "U":
            undefined.add(parts[1])
        elif len(parts) == 3 and parts[1] in "TDBRGSVW":
            defined.add(parts[2])
    return defined, undefined


def includes(top):
    """Arrows room -> room from local #include lines."""
    arrows = {}
    for d, _, files in os.walk(top):
        for f in files:
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(d, f)
            with open(path, errors="replace") as fh:
                text = fh.read()
            for inc in INCLUDE.findall(text):
                target = os.path.normpath(os.path.join(d, inc))
                if not target.startswith(os.path.abspath(top) + os.sep):
                    continue
                a, b = room_of(path, top), room_of(target, top)
                if a != b:
                    arrows.setdefault((a, b), set()).add("#include " + inc)
    return arrows


def calls(top, objs):
    """Arrows room -> room from symbols one object uses and another has."""
    owner, uses = {}, {}
    for o in objs:
        d, u = symbols(o)
        r = room_of(o, top)
        for s in d:
            owner[s] = r
        uses[r] = u
    arrows = {}
    for r, u in uses.items():
        for s in u:
            t = owner.get(s)
            if t and t != r:
                arrows.setdefault((r, t), set()).add(s)
    return arrows


def cycles(rooms, arrows):
    """Strongly connected sets of more than one room (Tarjan)."""
    succ = {r: [] for r in rooms}
    for a, b in arrows:
        succ[a].append(b)
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in succ[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for r in sorted(rooms):
        if r not in index:
            visit(r)
    return out


def parse_layers(spec):
    """{folder: depth} from "a,b+c,d" (a is the top, depth 0)."""
    depth = {}
    for i, layer in enumerate(spec.split(",")):
        for folder in layer.split("+"):
            if not folder or folder in depth:
                raise ValueError("bad --layers %r" % spec)
            depth[folder] = i
    return depth


def layer_faults(rooms, arrows, depth):
    """Rooms outside every layer, and arrows that point up a layer."""
    def layer(room):
        head = room.split(os.sep)[0]
        return depth.get(head) if os.sep in room else None

    unplaced = sorted(r for r in rooms if layer(r) is None)
    up = sorted((a, b) for a, b in arrows
                if layer(a) is not None and layer(b) is not None and
                layer(a) > layer(b))
    return unplaced, up


def main(argv):
    if len(argv) < 2 or argv[1].startswith("-"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    depth = None
    if "--layers" in argv:
        i = argv.index("--layers")
        try:
            depth = parse_layers(argv[i + 1])
        except (IndexError, ValueError) as e:
            print("rooms: %s" % (e or "--layers wants a list"),
                  file=sys.stderr)
            return 2
    top = os.path.abspath(argv[1])
    objs = objects(top)
    if not objs:
        print("rooms: no object file below %s: build first" % top,
              file=sys.stderr)
        return 2
    try:
        arrows = calls(top, objs)
    except (OSError, subprocess.CalledProcessError) as e:
        print("rooms: nm failed: %s" % e, file=sys.stderr)
        return 2
    for k, v in includes(top).items():
        arrows.setdefault(k, set()).update(v)
    rooms = {a for a, _ in arrows} | {b for _, b in arrows}
    rooms |= {room_of(o, top) for o in objs}
    if "--graph" in argv:
        for (a, b), why in sorted(arrows.items()):
            print("%s -> %s: %s" % (a, b, ", ".join(sorted(why))))
    found = cycles(rooms, arrows)
    for comp in found:
        print("cycle: " + " ".join(comp))
        for (a, b), why in sorted(arrows.items()):
            if a in comp and b in comp:
                print("  %s -> %s: %s" % (a, b, ", ".join(sorted(why))))
    unplaced, up = [], []
    if depth is not None:
        unplaced, up = layer_faults(rooms, arrows, depth)
        for r in unplaced:
            print("unplaced: %s is in no layer" % r)
        for a, b in up:
            print("up: %s -> %s: %s" % (a, b, ", ".join(sorted(arrows[a, b]))))
    print("rooms: %d rooms, %d arrows, %d cycles" %
          (len(rooms), len(arrows), len(found)) +
          ("" if depth is None else
           ", %d arrows up, %d unplaced" % (len(up), len(unplaced))))
    return 1 if found or up or unplaced else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
