#!/usr/bin/env python3
"""Writes the benchmark data set of ROWS rows into DIR: places.csv (the shared deterministic
generator's output, unchanged) and places.geojson (the same rows as a FeatureCollection of
points). Files already there are kept: the generator is deterministic, so they are the same.

Usage: dataset.py ROWS DIR GENERATOR
"""
import csv
import json
import os
import subprocess
import sys


def write_csv(rows, path, generator):
    tmp = path + ".tmp"
    subprocess.run([sys.executable, generator, str(rows), tmp], check=True)
    os.replace(tmp, path)


def write_geojson(csv_path, path):
    """Numbers are copied as the generator wrote them, so both files hold the same values."""
    tmp = path + ".tmp"
    with open(csv_path, newline="", encoding="utf-8") as src, open(tmp, "w", encoding="utf-8") as out:
        rows = csv.reader(src)
        header = next(rows)
        expected = ["id", "name", "category", "value", "amount", "created_at", "is_open", "lon", "lat", "note"]
        if header != expected:
            sys.exit(f"dataset.py: unexpected CSV header {header}")
        out.write('{"type":"FeatureCollection","features":[\n')
        first = True
        for r in rows:
            ident, name, category, value, amount, created_at, is_open, lon, lat, note = r
            out.write("" if first else ",\n")
            first = False
            out.write('{"type":"Feature","geometry":{"type":"Point","coordinates":[%s,%s]},"properties":'
                      '{"id":%s,"name":%s,"category":%s,"value":%s,"amount":%s,"created_at":%s,'
                      '"is_open":%s,"note":%s}}'
                      % (lon, lat, ident, json.dumps(name, ensure_ascii=False),
                         json.dumps(category, ensure_ascii=False), value, amount, json.dumps(created_at),
                         is_open, json.dumps(note) if note else "null"))
        out.write("\n]}\n")
    os.replace(tmp, path)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    rows, directory, generator = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    os.makedirs(directory, exist_ok=True)
    csv_path = os.path.join(directory, "places.csv")
    geojson_path = os.path.join(directory, "places.geojson")
    if not os.path.exists(csv_path):
        print(f"[prepare] writing {csv_path}", file=sys.stderr)
        write_csv(rows, csv_path, generator)
    if not os.path.exists(geojson_path):
        print(f"[prepare] writing {geojson_path}", file=sys.stderr)
        write_geojson(csv_path, geojson_path)


if __name__ == "__main__":
    main()
