"""The red flags of ``data/red_flags.toml`` built into the fixture (``points/curation.py``).

A red flag names the indications that raise it, by name, and one source as ``"key, section"``.
"""

import tomllib

from .text import squash_spaces

FILE = "red_flags.toml"


def add_red_flags(builder, data_dir):
    """Add every red flag of ``data_dir`` to ``builder``'s objects, and its problems."""
    with open(data_dir / FILE, "rb") as file:
        flags = tomllib.load(file).get("red_flag", [])
    for order, flag in enumerate(flags, start=1):
        where = f"red flag “{flag.get('title', order)}”"
        for field in ["title", "notice"]:
            if not squash_spaces(flag.get(field)):
                builder.problems.append(f"{where}: {field} is empty")
        indications = []
        for name in flag.get("indications", []):
            if name in builder.indications:
                indications.append(builder.indications[name])
            else:
                builder.problems.append(f"{where}: “{name}” is not an indication any point lists")
        if not indications:
            builder.problems.append(f"{where}: it names no indication")
        source, locator = builder.source_of(where, flag.get("cited", ""))
        if source is None:
            continue
        builder.add(
            "redflag",
            {
                "title": squash_spaces(flag["title"]),
                "notice": squash_spaces(flag["notice"]),
                "indications": sorted(set(indications)),
                "source": source,
                "locator": locator,
                "order": order,
            },
        )
