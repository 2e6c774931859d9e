"""zonesite: turns one file per industrial zone into a multilingual investment-promotion site.

The package is laid out as the build runs; each stage imports only the ones above it:

1. ``model``    the one declared schema (zone files, site.yaml, pages) and the field registry
                read off it, the engine's national definitions and the site's routes;
2. ``source``   find and read files: YAML and front matter with the line of every value;
3. ``check``    validate against the schema and the rules across fields, every problem located;
4. ``derive``   compute everything: land figures, totals and coverage, listing rows, filters,
                map points, chart series, open-data columns, the list of pages;
5. ``render``   format the derived site through Jinja templates (format only, never compute);
6. ``output``   collect every file (pages, data, feeds, search index) and write it atomically.

``staff`` holds the tools staff use beside the build (spreadsheet, scaffold, JSON Schema, field
reference, data-quality report); ``pipeline`` chains read → check → derive; ``commands`` holds one
module per command-line verb and ``cli`` parses the command line.
"""

__version__ = "0.1.0"
