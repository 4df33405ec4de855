"""The published dataset: its tables (tables.py), the CSV cells they are written in
(cells.py), versions frozen from the admin (publish.py), the changes between versions worked
out from the edit history (changes.py), and how to cite it (cite.py)."""
