"""Find carrier connectors by type name through the `omsdesk.carriers` entry-point group."""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from omsdesk.carriers.base import Carrier, CarrierConfig
from omsdesk.models import ValidationError

ENTRY_POINT_GROUP = "omsdesk.carriers"

# Shipped with omsdesk, so a source checkout without entry-point metadata still finds them.
BUILTIN_CARRIERS: dict[str, str] = {
    "sendcloud": "omsdesk.carriers.sendcloud:SendcloudCarrier",
    "correos": "omsdesk.carriers.correos:CorreosCarrier",
}

# Builds a connector from an account's settings (tests inject a fast-retry one).
CarrierFactory = Callable[[CarrierConfig], Carrier]


def available_carriers() -> dict[str, str]:
    """Type name -> `module:Class` for every carrier connector this installation knows."""
    return dict(_installed(entry_points))


@functools.lru_cache(maxsize=4)
def _installed(finder: Callable[..., Any]) -> tuple[tuple[str, str], ...]:
    # Scanning every installed distribution's metadata costs a good part of a second; what is
    # installed does not change while omsdesk runs (a test replacing `entry_points` gets its own).
    found = dict(BUILTIN_CARRIERS)
    for ep in finder(group=ENTRY_POINT_GROUP):
        found[ep.name] = ep.value
    return tuple(found.items())


def carrier_class(kind: str) -> Any:
    targets = available_carriers()
    if kind not in targets:
        raise ValidationError(f"no carrier of type {kind!r} (known: {', '.join(sorted(targets))})")
    module_name, _, attr = targets[kind].partition(":")
    return getattr(importlib.import_module(module_name), attr)


def create_carrier(config: CarrierConfig, **http_options: Any) -> Carrier:
    """The connector for an account; `http_options` reach its HttpClient (timeouts, retry, sleep)."""
    carrier: Carrier = carrier_class(config.kind).from_config(config, **http_options)
    return carrier
