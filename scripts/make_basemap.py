"""Build the page's packaged base map from world-atlas's ``countries-110m.json``.

world-atlas (ISC licence, Mike Bostock) redistributes Natural Earth's 1:110m Admin 0
country boundaries (public domain) as TopoJSON. This decodes its arcs into one list of
rings per country, in hundredths of a degree, which the release page draws on a canvas
without any map library. Run once when the base map changes:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_basemap.py package/countries-110m.json \
        src/conflictschema/publishing/assets/basemap.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    (scale_x, scale_y), (shift_x, shift_y) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[int]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    flat: list[int] = []
    for lon, lat in points:
        flat.extend((round(lon * 100), round(lat * 100)))
    return flat


def main(source: Path, target: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        countries.append([ring(arcs, r) for polygon in polygons for r in polygon])
    document = {
        "source": "Natural Earth 1:110m Admin 0 countries (public domain), via world-atlas 2.0.2 (ISC)",
        "unit": "hundredths of a degree, longitude then latitude",
        "countries": countries,
    }
    target.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
