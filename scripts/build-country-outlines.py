#!/usr/bin/env python3
"""Writes rules/data/country-outlines.tsv from a Natural Earth 1:110m Admin-0 countries
TopoJSON (public domain; see rules/data/README.md for where to get it).

Each line: ISO 3166-1 alpha-2 code, TAB, rings separated by ';', each ring a list of
'lon,lat' points in whole tenths of a degree separated by spaces. Points are rounded to
0.1 degree and consecutive repeats dropped: the HTML report draws countries a few hundred
pixels wide, where a tenth of a degree is below one pixel, and the file stays small.

Usage: scripts/build-country-outlines.py countries-110m.json > rules/data/country-outlines.tsv
"""
import json
import sys


# Countries whose alpha-2 code the 1:110m file does not give as two letters.
ALPHA2_BY_ALPHA3 = {"FRA": "FR", "NOR": "NO", "TWN": "TW"}


def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        # Consecutive arcs share their joining point.
        points.extend(arc if not points else arc[1:])
    return points


def tenths(points):
    out = []
    for lon, lat in points:
        p = (round(lon * 10), round(lat * 10))
        if not out or out[-1] != p:
            out.append(p)
    return out


def main():
    topology = json.load(open(sys.argv[1], encoding="utf-8"))
    arcs = decode_arcs(topology)
    lines = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        properties = geometry.get("properties", {})
        code = properties.get("isoA2") or ""
        if len(code) != 2 or not code.isalpha():
            # Natural Earth leaves the alpha-2 code of a few countries unset or compound.
            code = ALPHA2_BY_ALPHA3.get(properties.get("adm0A3", ""), "")
        if len(code) != 2:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = []
        for polygon in polygons:
            outer = tenths(ring(arcs, polygon[0]))  # outer rings only: holes are lakes and enclaves
            if len(outer) >= 4:
                rings.append(" ".join(f"{x},{y}" for x, y in outer))
        if rings:
            lines.append(code.upper() + "\t" + ";".join(rings))
    sys.stdout.write("# Country outlines, Natural Earth 1:110m Admin-0 (public domain), in tenths of a degree.\n")
    sys.stdout.write("# Written by scripts/build-country-outlines.py; source and licence: rules/data/README.md.\n")
    for line in sorted(lines):
        sys.stdout.write(line + "\n")


if __name__ == "__main__":
    main()
