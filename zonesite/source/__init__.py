"""Stage 1: find the site's files and read them into parsed documents that remember where each
value was written, so every later stage can point at the exact line. Nothing here knows the schema."""
