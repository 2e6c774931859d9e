#!/usr/bin/env python3
"""Build, check or serve the site in this folder (or --site DIR). See README.md."""

import sys

from zonesite.cli import main

if __name__ == "__main__":
    sys.exit(main())
