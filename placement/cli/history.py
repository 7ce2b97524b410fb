"""Commands of issue: run history (registered on import)."""
