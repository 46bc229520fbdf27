"""Downloads the latest source distribution of each package named in a list
file, using PyPI's JSON API (pip download would try to build metadata, which
needs each package's build backend)."""

import json
import sys
import urllib.parse
import urllib.request
from pathlib import Path


def main(list_file: str, out_dir: str) -> None:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for line in Path(list_file).read_text().splitlines():
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        try:
            api = f"https://pypi.org/pypi/{name}/json"
            with urllib.request.urlopen(api, timeout=60) as r:
                meta = json.load(r)
            sdists = [u for u in meta["urls"] if u["packagetype"] == "sdist"]
            if not sdists:
                print(f"corpus: {name} has no sdist", file=sys.stderr)
                continue
            # Mirrors may answer with URLs relative to the API page.
            url = urllib.parse.urljoin(api, sdists[0]["url"])
            target = out / url.rsplit("/", 1)[-1]
            if not target.exists():
                urllib.request.urlretrieve(url, target)
        except Exception as e:  # one package failing must not stop the corpus
            print(f"corpus: skipped {name}: {e}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
