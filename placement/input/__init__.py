"""Folder -> validated scenario: the schema, CSV reading, settings and landscapes."""
