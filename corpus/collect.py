#!/usr/bin/env python3
"""Task files for the helpers who collect the corpus's texts again, and the folder the tests read.

    corpus/collect.py parts [N] [DIR]    N task files (default 8) of contiguous id ranges, in DIR (/work/collect),
                                          with the brief beside them as DIR/brief.md
    corpus/collect.py missing [N] [DIR]  N task files (default 4) of the ids with no text yet in rewrites/ or text/
    corpus/collect.py mixed               rewrites/ copied into mixed/ (the folder -Dbulletin.corpus.texts=mixed reads),
                                          and the ids still missing

Each task file holds one JSON object per page with only what finds it (id, url, lang, title, lead): the labels must
not shape what a helper writes. The helpers' prompts are in README.md ("The recipe").
"""
import json
import pathlib
import shutil
import sys

HERE = pathlib.Path(__file__).resolve().parent
LABELS = ["labels-en.jsonl", "labels-ru.jsonl", "labels-fresh.jsonl"]
KEYS = ["id", "url", "lang", "title", "lead"]
# Pages whose stored copy at the label's address is another page of the same site (the nineteenth and twentieth
# collections both came back with a Secretariat meeting on migration for en-2105, a mission to Armenia): not asked
# for, and not copied to mixed/ if a helper writes one anyway.
STORE_HOLDS_ANOTHER_PAGE = {"en-2105"}


def pages():
    rows = []
    for name in LABELS:
        with open(HERE / name, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    if d["id"] not in STORE_HOLDS_ANOTHER_PAGE:
                        rows.append({k: d.get(k) for k in KEYS})
    return sorted(rows, key=lambda d: d["id"])


def collected(page_id):
    return any((HERE / folder / (page_id + ".txt")).exists() for folder in ("rewrites", "text"))


def write_parts(rows, n, out, stem):
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        part = rows[i * len(rows) // n:(i + 1) * len(rows) // n]
        path = out / f"{stem}{i}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for d in part:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")
        first_last = f"{part[0]['id']}..{part[-1]['id']}" if part else "empty"
        print(f"{path}: {len(part)} pages ({first_last})")


def main(argv):
    if len(argv) < 2 or argv[1] not in ("parts", "missing", "mixed"):
        print(__doc__.strip())
        return 2
    command = argv[1]
    if command == "mixed":
        mixed = HERE / "mixed"
        shutil.rmtree(mixed, ignore_errors=True)
        mixed.mkdir()
        copied = 0
        for f in sorted((HERE / "rewrites").glob("*.txt")):
            if f.stem in STORE_HOLDS_ANOTHER_PAGE:
                continue
            shutil.copy(f, mixed / f.name)
            copied += 1
        missing = [d["id"] for d in pages() if not (mixed / (d["id"] + ".txt")).exists()]
        print(f"{mixed}: {copied} pages; {len(missing)} missing: {' '.join(missing)}")
        return 0
    n = int(argv[2]) if len(argv) > 2 else (8 if command == "parts" else 4)
    out = pathlib.Path(argv[3] if len(argv) > 3 else "/work/collect")
    if command == "parts":
        out.mkdir(parents=True, exist_ok=True)
        shutil.copy(HERE / "collection-brief.md", out / "brief.md")
        (HERE / "rewrites").mkdir(exist_ok=True)
        write_parts(pages(), n, out, "part")
    else:
        rows = [d for d in pages() if not collected(d["id"])]
        print(f"{len(rows)} pages have no text yet")
        write_parts(rows, n, out, "miss")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
