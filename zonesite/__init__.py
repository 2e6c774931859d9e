"""zonesite: turns one file per industrial zone into a bilingual investment-promotion site.

The package is laid out as the build pipeline runs:

1. ``load``      read site.yaml, zone files and content pages from disk, keeping line marks;
2. ``model`` +  ``validate``  check them against the one declared schema and collect every problem;
3. ``derive``    compute what can be computed (free land, occupancy, province totals, citations);
4. ``render``    turn the derived site into pages through Jinja templates;
5. ``write``     put the pages on disk all at once, or not at all.
"""

__version__ = "0.1.0"
