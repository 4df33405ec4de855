"""CSV cells that read back to exactly what was written, and that spreadsheets show as text.

A text that would start with ``= + - @``, a tab, a carriage return or an apostrophe is written
with an apostrophe before it (a spreadsheet would take the first four for a formula); reading
drops that one apostrophe. A list is one item a line; a list of records is one record a line,
its fields joined by `` | ``. In list items, a backslash, a line break and ``|`` are escaped
as ``\\\\``, ``\\n`` (``\\r``) and ``\\|``.
"""

GUARDED = "=+-@\t\r'"
SEPARATOR = " | "
ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "|": "\\|"}
UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "|": "|"}


def guard(text):
    return "'" + text if text and text[0] in GUARDED else text


def unguard(text):
    return text[1:] if text.startswith("'") else text


def escape(text):
    return "".join(ESCAPES.get(char, char) for char in text)


def split_escaped(line):
    """The fields of a line split on ``|`` not escaped, with the escapes undone."""
    fields, current, chars = [], [], iter(line)
    for char in chars:
        if char == "\\":
            following = next(chars, "\\")
            current.append(UNESCAPES.get(following, following))
        elif char == "|":
            fields.append("".join(current))
            current = []
        else:
            current.append(char)
    fields.append("".join(current))
    return fields


def list_cell(items):
    return guard("\n".join(escape(item) for item in items))


def read_list(cell):
    text = unguard(cell)
    return [split_escaped(line)[0] for line in text.split("\n")] if text else []


def records_cell(records, keys):
    lines = (SEPARATOR.join(escape(record[key]) for key in keys) for record in records)
    return guard("\n".join(lines))


def read_records(cell, keys):
    text = unguard(cell)
    records = []
    for line in text.split("\n") if text else []:
        fields = split_escaped(line)
        if len(fields) != len(keys):
            raise ValueError(f"A record needs {len(keys)} fields: {line!r}")
        # The separator's spaces: one after each field but the last, one before each but the first.
        fields = [
            field[1 if i else 0 : len(field) - (1 if i < len(fields) - 1 else 0)]
            for i, field in enumerate(fields)
        ]
        records.append(dict(zip(keys, fields, strict=True)))
    return records
