#!/usr/bin/env python3
"""The classifier's errors that every reader of a page agrees on.

The corpus has up to three readings of each tune and test page: the first labelling (labels-en/ru.jsonl), a blind
second one (second-labels.jsonl) and, where the first two differ, a third (third-labels.jsonl). Where the readers
differ, the label is a convention of the contract the readers settle differently (`global` for the SCO's own events,
military cooperation on drills...), and a rule for it trades one reading against another. Where they all agree and
the classifier does not, the error is the classifier's own under any reading: the list to look for rules that
generalise in (classifier 1.17's headline leaders came from it).

    corpus/unanimous.py [SPLIT] [TEXTS]   SPLIT: tune (default) or test; TEXTS: the folder of page texts
                                          (corpus/mixed by default, see README.md); needs app/target/bulletin.jar

It runs `bulletin classify` over the texts once and prints, per page, the labels all its readers give that the
classifier misses (FN) and those none of them gives that it labels (FP), then the counts. Only the first labelling
has a test split, so reading `test` pages here shows their errors: use it to report, never to tune.
"""
import collections
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def load(name):
    out = {}
    path = os.path.join(HERE, name)
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                d = json.loads(line)
                out[d["id"]] = d
    return out


def main():
    split = sys.argv[1] if len(sys.argv) > 1 else "tune"
    texts = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "mixed")
    jar = os.path.join(ROOT, "app", "target", "bulletin.jar")
    if not os.path.exists(jar):
        sys.exit("no %s: build it first (mvn -q -B install -DskipTests)" % jar)
    if not os.path.isdir(texts):
        sys.exit("no texts in %s: collect them first (README.md, 'The recipe')" % texts)
    first = {**load("labels-en.jsonl"), **load("labels-ru.jsonl")}
    second, third = load("second-labels.jsonl"), load("third-labels.jsonl")
    ids = [i for i, d in first.items() if d.get("split") == split and d.get("inScope")
           and os.path.exists(os.path.join(texts, i + ".txt"))]
    if not ids:
        sys.exit("no %s pages with texts in %s" % (split, texts))
    print("classifying %d %s pages..." % (len(ids), split), file=sys.stderr)
    run = subprocess.run(["java", "-jar", jar, "classify", "--format", "json"]
                         + [os.path.join(texts, i + ".txt") for i in sorted(ids)],
                         capture_output=True, text=True, check=True)
    got = {}
    for line in run.stdout.splitlines():
        r = json.loads(line)
        got.setdefault(os.path.basename(r["source"])[:-4], r)  # the first release of a page
    counts = collections.Counter()
    for i in sorted(ids):
        r = got.get(i)
        if r is None:
            continue
        for kind in ("regions", "topics"):
            readers = [set(first[i].get(kind) or [])]
            for other in (second, third):
                o = other.get(i)
                if o and o.get("found", True) and o.get(kind) is not None:
                    readers.append(set(o[kind]))
            if len(readers) < 2:
                continue
            mine = set(r.get(kind) or [])
            for label in sorted(set.union(*readers) | mine):
                votes = sum(label in x for x in readers)
                if votes == len(readers) and label not in mine:
                    counts[(kind, "FN")] += 1
                    print("%-8s FN %s %-22s | %s" % (kind, i, label, (r.get("title") or "")[:70]))
                elif votes == 0 and label in mine:
                    counts[(kind, "FP")] += 1
                    print("%-8s FP %s %-22s | %s" % (kind, i, label, (r.get("title") or "")[:70]))
    for (kind, what), n in sorted(counts.items()):
        print("%s %s: %d" % (kind, what, n))


if __name__ == "__main__":
    main()
