"""Benchmark: what bounded, verified downloads cost, beside the references they replace.

A generated package of N incidents is released and served over HTTP on 127.0.0.1.
Measured in one run, each the median of ``--repeat`` runs (wall seconds):

* ``download`` of the version into an empty cache (bounded transfer, sha256 against the
  index, safe unpack, every file against SHA256SUMS), beside two references: a plain
  streamed ``requests`` GET of the same zip to a file (no checks at all), and that GET
  followed by what a careful analyst does by hand (``unzip``, ``sha256sum -c``);
* ``download`` of the same version again, from the cache (no network; the zip is
  hashed again and every unpacked file checked), beside the reference: the check a
  careful analyst runs by hand, ``sha256sum`` of the zip and ``sha256sum -c SHA256SUMS``.

    python benchmarks/download_bench.py --incidents 100000 [--repeat 3]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.generate import generate_package  # noqa: E402  (after the path is set)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def median_seconds(run: Callable[[], object], repeat: int, before: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import requests

    import conflictschema

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        package = generate_package(args.incidents, root / "package")
        result = conflictschema.release(package, "1.0.0", root / "served")
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root / "served"))
        )
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        name, cache = result.name, root / "cache"

        def empty_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        def fetch() -> Path:
            return conflictschema.download(name, "1.0.0", index=url, cache_dir=cache)

        def plain_get() -> None:
            with requests.get(url + f"{name}/{result.zip_path.name}", stream=True, timeout=60) as r:
                r.raise_for_status()
                with (root / "plain.zip").open("wb") as sink:
                    for chunk in r.iter_content(1 << 16):
                        sink.write(chunk)

        def get_unzip_check() -> None:
            plain_get()
            unpacked = root / "unpacked"
            shutil.rmtree(unpacked, ignore_errors=True)
            subprocess.run(
                ["unzip", "-q", str(root / "plain.zip"), "-d", str(unpacked)], check=True
            )
            [folder] = list(unpacked.iterdir())
            subprocess.run(
                ["sha256sum", "-c", "--quiet", "SHA256SUMS"],
                cwd=folder,
                check=True,
                capture_output=True,
            )

        def by_hand() -> None:
            subprocess.run(["sha256sum", str(result.zip_path)], check=True, capture_output=True)
            subprocess.run(
                ["sha256sum", "-c", "--quiet", "SHA256SUMS"],
                cwd=result.directory,
                check=True,
                capture_output=True,
            )

        first = median_seconds(fetch, args.repeat, empty_cache)
        plain = median_seconds(plain_get, args.repeat, lambda: None)
        careful = median_seconds(get_unzip_check, args.repeat, lambda: None)
        fetch()
        again = median_seconds(fetch, args.repeat, lambda: None)
        manual = median_seconds(by_hand, args.repeat, lambda: None)
        zip_mb = result.zip_path.stat().st_size / 1e6
        httpd.shutdown()

    print(
        f"machine: Python {sys.version.split()[0]}; {args.incidents} incidents, zip {zip_mb:.1f} MB; "
        f"median of {args.repeat}"
    )
    print(f"{'measure':44} {'seconds':>8}")
    print(f"{'download into an empty cache':44} {first:8.2f}")
    print(f"{'reference: plain streamed GET of the zip':44} {plain:8.2f}")
    print(f"{'reference: GET, unzip, sha256sum -c by hand':44} {careful:8.2f}")
    print(f"{'ratio download / by hand':44} {first / careful:7.1f}x")
    print(f"{'download again from the cache (checked)':44} {again:8.2f}")
    print(f"{'reference: sha256sum zip + sha256sum -c':44} {manual:8.2f}")
    print(f"{'ratio cached use / check by hand':44} {again / manual:7.1f}x")


if __name__ == "__main__":
    main()
