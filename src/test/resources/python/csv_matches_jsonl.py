"""Checks outbox/records.csv against outbox/records.jsonl the way a user's script would read them.

usage: python3 csv_matches_jsonl.py <outbox>   -> prints "ok <rows>" or exits 1 with what differs
"""
import csv
import io
import json
import sys

outbox = sys.argv[1]
raw = open(outbox + "/records.csv", "rb").read()
if not raw.startswith(b"\xef\xbb\xbf"):
    sys.exit("records.csv does not start with a UTF-8 byte-order mark")
text = raw[3:].decode("utf-8")
rows = list(csv.DictReader(io.StringIO(text, newline="")))

# Every field quoted: writing the rows back with QUOTE_ALL gives the very same text.
again = io.StringIO(newline="")
writer = csv.writer(again, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
reader = csv.reader(io.StringIO(text, newline=""))
for row in reader:
    writer.writerow(row)
if again.getvalue() != text:
    sys.exit("records.csv has fields that are not quoted")


def scalar(value):
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


OBJECT_LISTS = {"mentions": ["id", "nickname"], "images": ["url", "width", "height"]}
OBJECTS = {"author": ["id", "nickname", "redId"], "source": ["file", "line"]}


def flatten(record):
    flat = {}
    for key, value in record.items():
        if key in OBJECTS:
            for k in OBJECTS[key]:
                flat[key + "." + k] = scalar((value or {}).get(k))
        elif key in OBJECT_LISTS:
            for k in OBJECT_LISTS[key]:
                flat[key + "." + k] = "|".join(scalar(item.get(k)) for item in value or [])
        elif isinstance(value, list):
            flat[key] = "|".join(scalar(v) for v in value)
        else:
            flat[key] = scalar(value)
    return flat


records = [json.loads(line) for line in open(outbox + "/records.jsonl", encoding="utf-8") if line.strip()]
if len(records) != len(rows):
    sys.exit("records.jsonl has %d lines, records.csv %d rows" % (len(records), len(rows)))
for n, (record, row) in enumerate(zip(records, rows), 1):
    for key, value in flatten(record).items():
        if row.get(key) != value:
            sys.exit("row %d, column %s: csv %r, jsonl %r" % (n, key, row.get(key), value))
    if set(row.keys()) != set(flatten(record).keys()):
        sys.exit("row %d: columns differ: %s" % (n, sorted(set(row.keys()) ^ set(flatten(record).keys()))))
print("ok", len(rows))
