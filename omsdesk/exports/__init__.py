"""File exports for other systems (accounting CSV layouts)."""
