"""The one declared schema of zone files, site.yaml and content pages, and what is read off it.

Every fact about a field lives on the field (its type, unit, labels, whether it is a metric or can
be derived...); :mod:`zonesite.model.registry` turns the models into the field registry that
validation, JSON Schema, docs, the scaffold, spreadsheet and open-data columns, aggregates and the
figure lists templates show all read. Nothing else restates a field list.
"""
