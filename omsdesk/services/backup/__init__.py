"""Backup and restore of a whole database: one archive format for SQLite and PostgreSQL."""
