"""Where a buyer follows a parcel: the carrier's public tracking page for a tracking number.

One template per carrier code, with `{tracking}` where the number goes. Carrier connectors add
theirs with `register_tracking_url` (a third-party carrier too); the manual carrier (a number typed
at the bench) uses the shop's own template from the mail settings, or gets no link at all.
"""

from __future__ import annotations

from urllib.parse import quote

# The carriers' public tracking pages (no login), as their sites link them.
_TEMPLATES: dict[str, str] = {
    "correos": "https://www.correos.es/es/es/herramientas/localizador/envios/detalle?tracking-number={tracking}",
    "seur": "https://www.seur.com/livetracking/?segOnlineIdentificador={tracking}",
    "gls": "https://gls-group.com/ES/es/seguimiento-envios/?match={tracking}",
    "mrw": "https://www.mrw.es/seguimiento_envios/MRW_seguimiento_envios.asp?enviament={tracking}",
    "sendcloud": "https://tracking.eu-central-1-0.sendcloud.sc/forward?carrier=&code={tracking}",
    "packlink": "https://www.packlink.es/seguimiento/?tracking={tracking}",
}


def register_tracking_url(carrier: str, template: str) -> None:
    """Let a carrier connector name its tracking page (`{tracking}` is replaced by the number)."""
    if "{tracking}" not in template:
        raise ValueError(f"tracking page of {carrier} needs {{tracking}}: {template!r}")
    _TEMPLATES[carrier.strip().lower()] = template


def tracking_url(carrier: str, tracking: str, manual_template: str = "") -> str:
    """The page where the buyer follows this parcel, or '' when there is none to give."""
    number = tracking.strip()
    if not number:
        return ""
    code = carrier.strip().lower()
    # A carrier without a registered page is the manual one (a name typed at the bench).
    template = _TEMPLATES.get(code) or manual_template
    # The number goes into a URL: escaped, so a typed space or '&' cannot break the link.
    return template.format(tracking=quote(number, safe="")) if template else ""
