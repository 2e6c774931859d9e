"""The one declared schema of zone files and site.yaml.

Validation, defaults, the JSON Schema editors use, the field reference in the docs and (later)
spreadsheet columns are all read from these pydantic models; nothing else restates them.
"""
