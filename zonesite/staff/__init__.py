"""Tools staff use beside the build, all reading the same field registry: the spreadsheet round trip,
the ``new`` zone scaffold, JSON Schema for editors, the field reference and the data-quality report."""
