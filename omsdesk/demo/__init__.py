"""Demo data: a believable Spanish business to explore and benchmark omsdesk on."""

from omsdesk.demo.seed import seed_demo

__all__ = ["seed_demo"]
