"""Commands of issue: what-if runs and exports (registered on import)."""
