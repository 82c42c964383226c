"""omsdesk: desktop order management for back-office staff."""

__version__ = "0.1.0"
