"""Use cases, one transaction each: the only door through which data changes."""
