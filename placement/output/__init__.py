"""Tables -> files: atomic result folders, exports, maps."""
