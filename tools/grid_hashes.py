"""Write grids/scoring-hashes.json: the scoring hash of each hash a shipped grid has had.

A journal entry, a juror's workbook, an audit record or the workspace's database written
before isgrid recorded the scoring hash (:mod:`isgrid.grid.scoring`) holds only the whole
grid's hash: the hash of the resolved grid as the isgrid of that time dumped it
(:func:`isgrid.grid.dump.grid_hash`, not the file's bytes).  So that a shipped grid whose
notes or labels were reworded since is not told as a change of grid, isgrid ships, for each
grid id, each whole hash its shipped versions had and their scoring hash by today's rule.

This script rebuilds the table from git: for every commit of HEAD's history that changed
the grids or the code that reads them (``grids/``, ``src/isgrid/grid/``, and before that
package ``src/isgrid/grids.py``, ``src/isgrid/model.py``, ``src/isgrid/io/yamlio.py``),
the whole hash of each shipped grid file (``grids/*.yaml``, ``grids/versions/*.yaml``) as
that commit's own code computes it (run in a separate process on an extract of the
commit), and its scoring hash as this checkout's code computes it of that commit's file;
and the grids as they are now (the working tree).  For a past version that scored as the
version shipped now, the table also keeps the texts that differ (``wording``: a call whose
``set:`` changes the grid recorded the hash of its own grid, :mod:`isgrid.grid.reworded`).  A whole hash that two versions share
with different scoring hashes is left out (it is compared as a whole, as before).  What
each commit's code gave is cached in the git folder (``isgrid-grid-hashes-cache.json``):
a second run takes seconds.

    PYTHONPATH=src .venv/bin/python tools/grid_hashes.py          # write the table
    PYTHONPATH=src .venv/bin/python tools/grid_hashes.py --check  # exit 1 when stale

``tests/grid/test_past_grid_hashes.py`` fails when a shipped grid changed and the table
was not written again.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "grids" / "scoring-hashes.json"
#: what the hash a commit's isgrid records depends on
WATCHED = ("grids", "src/isgrid/grid", "src/isgrid/grids.py", "src/isgrid/model.py",
           "src/isgrid/io/yamlio.py")
CACHE_NAME = "isgrid-grid-hashes-cache.json"
ABOUT = ("grids: the scoring hash (isgrid.grid.scoring) of each whole hash (grid_sha256) a "
         "shipped grid has had in isgrid's history, by grid id; wording: by <id>@<version> "
         "shipped now, the texts of each past version that scored alike "
         "(isgrid.grid.reworded). Written by tools/grid_hashes.py; do not edit.")

#: run by a commit's own code, on an extract of it: each shipped grid file's id and hash
PROBE = r"""
import json, sys
sys.meta_path[:] = [f for f in sys.meta_path
                    if not str(getattr(f, "__module__", "")).startswith("__editable__")]
from pathlib import Path
try:
    from isgrid.grid.load import load_grid
except ImportError:
    from isgrid.grids import load_grid
root = Path(sys.argv[1])
out = {}
for p in sorted([*root.glob("*.yaml"), *root.glob("versions/*.yaml")]):
    if p.name == "dimensions.yaml":
        continue
    try:
        g = load_grid(p)
    except Exception:
        continue
    out[p.relative_to(root).as_posix()] = [g.grid.id, g.sha256]
print(json.dumps(out))
"""


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, capture_output=True,
                          text=True).stdout


def commits() -> list[str]:
    """The commits of HEAD's history that changed what a recorded hash depends on."""
    return git("rev-list", "--full-history", "HEAD", "--", *WATCHED).split()


def key_of(commit: str) -> str:
    """What a commit's hashes depend on, as git's ids of those trees and files."""
    out = []
    for path in WATCHED:
        try:
            out.append(git("rev-parse", f"{commit}:{path}").strip())
        except subprocess.CalledProcessError:
            out.append("-")
    return " ".join(out)


def extract(commit: str, into: Path) -> bool:
    """``src/`` and ``grids/`` of ``commit`` into ``into``; False when it has no grids."""
    try:
        data = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src", "grids"],
                              check=True, capture_output=True).stdout
    except subprocess.CalledProcessError:
        return False
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return (into / "grids").is_dir()


def probe(commit: str) -> dict[str, list[str]]:
    """Each shipped grid file of ``commit``: its id and its hash by that commit's code."""
    with tempfile.TemporaryDirectory(prefix="isgrid-hashes-") as tmp:
        if not extract(commit, Path(tmp)):
            return {}
        run = subprocess.run([sys.executable, "-c", PROBE, str(Path(tmp) / "grids")],
                             capture_output=True, text=True, cwd=tmp,
                             env={"PYTHONPATH": str(Path(tmp) / "src"), "PATH": "/usr/bin:/bin",
                                  "LANG": "C.UTF-8"})
        if run.returncode != 0:
            return {}
        found: dict[str, list[str]] = json.loads(run.stdout)
        return found


def scoring_now(commit: str | None) -> dict[str, list[Any]]:
    """Each shipped grid file of ``commit`` (None: the working tree): its id, its hash, its
    scoring hash by this checkout's code, its ``<id>@<version>`` and its dump."""
    import isgrid.grid.load as load

    load.dimensions()  # this isgrid's dimensions, read before the folder is swapped
    out: dict[str, list[Any]] = {}

    def read(root: Path) -> None:
        for p in sorted([*root.glob("*.yaml"), *root.glob("versions/*.yaml")]):
            if p.name == load.DIMENSIONS_FILE:
                continue
            try:
                g = load.load_grid(p)
            except Exception:  # a file this isgrid no longer reads: not in the table
                continue
            out[p.relative_to(root).as_posix()] = [g.grid.id, g.sha256, g.scoring_sha256,
                                                   g.ref, load.grid_dump(g.grid)]

    if commit is None:
        read(load.shipped_dir())
        return out
    shipped = load.shipped_dir
    with tempfile.TemporaryDirectory(prefix="isgrid-hashes-") as tmp:
        if extract(commit, Path(tmp)):
            root = Path(tmp) / "grids"
            load.shipped_dir = lambda: root  # parents found there
            try:
                read(root)
            finally:
                load.shipped_dir = shipped
    return out


def cache_path() -> Path:
    common = Path(git("rev-parse", "--git-common-dir").strip())
    return (common if common.is_absolute() else ROOT / common) / CACHE_NAME


def build(progress: bool = True) -> dict[str, Any]:
    """The table, from the history and the working tree (module docstring)."""
    path = cache_path()
    try:
        cache: dict[str, dict[str, list[str]]] = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        cache = {}
    keys: dict[str, str] = {}
    for c in commits():
        keys.setdefault(key_of(c), c)
    todo = [(k, c) for k, c in keys.items() if k not in cache]
    if progress and todo:
        print(f"{len(todo)} commits to read with their own code…", file=sys.stderr)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for (k, _), found in zip(todo, pool.map(lambda kc: probe(kc[1]), todo), strict=True):
            cache[k] = found
    path.write_text(json.dumps(cache, sort_keys=True), encoding="utf-8")
    from isgrid.grid.reworded import wording_patch

    pairs: dict[tuple[str, str], set[str]] = {}
    current = scoring_now(None)
    base = {ref: (whole, scoring, dump) for _, whole, scoring, ref, dump in current.values()}
    patches: dict[str, dict[str, Any]] = {}  # by <id>@<version> now, by whole hash then
    by_grids: dict[str, dict[str, list[Any]]] = {}  # a grids/ tree's scoring, once
    for k, c in keys.items():
        grids_tree = k.split()[0]
        if grids_tree not in by_grids:
            by_grids[grids_tree] = scoring_now(c)
        now = by_grids[grids_tree]
        for rel, (gid, whole) in cache.get(k, {}).items():
            if rel not in now or now[rel][0] != gid:
                continue
            _, whole_now, scoring, ref, dump = now[rel]
            pairs.setdefault((gid, whole), set()).add(scoring)
            # the texts of a past version that scored as the version shipped now, when this
            # isgrid dumps it as the isgrid of that time did (the patch gives that hash)
            if ref in base and whole_now == whole and whole != base[ref][0] \
                    and scoring == base[ref][1]:
                patches.setdefault(ref, {})[whole] = wording_patch(base[ref][2], dump)
    for gid, whole, scoring, _, _ in current.values():
        pairs.setdefault((gid, whole), set()).add(scoring)
    table: dict[str, dict[str, str]] = {}
    for (gid, whole), scorings in sorted(pairs.items()):
        if len(scorings) == 1:
            table.setdefault(gid, {})[whole] = next(iter(scorings))
    return {"about": ABOUT, "grids": table, "wording": patches}


def text(table: dict[str, Any]) -> str:
    return json.dumps(table, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def stale() -> list[str]:
    """The shipped grid files (as they are now) whose hash the written table lacks."""
    try:
        grids = json.loads(TABLE.read_text("utf-8"))["grids"]
    except (OSError, ValueError, KeyError):
        grids = {}
    return [rel for rel, (gid, whole, scoring, _, _) in scoring_now(None).items()
            if grids.get(gid, {}).get(whole) != scoring]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="only say whether the table knows the grids as they are now")
    args = parser.parse_args(argv)
    if args.check:
        bad = stale()
        for rel in bad:
            print(f"grids/{rel}: not in {TABLE.name}", file=sys.stderr)
        return 1 if bad else 0
    TABLE.write_text(text(build()), encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
