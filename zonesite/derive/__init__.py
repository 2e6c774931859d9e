"""Stage 3: compute everything the files imply but do not say, so every page sees one consistent site.

Land figures a file leaves out, province totals and their coverage, listing rows, filter choices,
map points, chart series and the list of pages are all computed here; templates only format them.
"""
