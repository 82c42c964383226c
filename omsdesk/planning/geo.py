"""Where a ship-to is, offline: Spanish postcode prefixes to province centroids, EU country centroids."""

from __future__ import annotations

import math
import unicodedata

# Postcode prefix (INE province code) -> (province, latitude, longitude). The point is the
# provincial capital, close enough to the centroid to rank warehouses hundreds of km apart.
SPANISH_PROVINCES: dict[str, tuple[str, float, float]] = {
    "01": ("Álava", 42.85, -2.67), "02": ("Albacete", 38.99, -1.86),
    "03": ("Alicante", 38.35, -0.48), "04": ("Almería", 36.84, -2.46),
    "05": ("Ávila", 40.66, -4.70), "06": ("Badajoz", 38.88, -6.97),
    "07": ("Illes Balears", 39.57, 2.65), "08": ("Barcelona", 41.39, 2.17),
    "09": ("Burgos", 42.34, -3.70), "10": ("Cáceres", 39.47, -6.37),
    "11": ("Cádiz", 36.53, -6.29), "12": ("Castellón", 39.99, -0.05),
    "13": ("Ciudad Real", 38.99, -3.93), "14": ("Córdoba", 37.89, -4.78),
    "15": ("A Coruña", 43.36, -8.41), "16": ("Cuenca", 40.07, -2.14),
    "17": ("Girona", 41.98, 2.82), "18": ("Granada", 37.18, -3.60),
    "19": ("Guadalajara", 40.63, -3.17), "20": ("Gipuzkoa", 43.32, -1.98),
    "21": ("Huelva", 37.26, -6.94), "22": ("Huesca", 42.14, -0.41),
    "23": ("Jaén", 37.77, -3.79), "24": ("León", 42.60, -5.57),
    "25": ("Lleida", 41.62, 0.62), "26": ("La Rioja", 42.47, -2.45),
    "27": ("Lugo", 43.01, -7.56), "28": ("Madrid", 40.42, -3.70),
    "29": ("Málaga", 36.72, -4.42), "30": ("Murcia", 37.99, -1.13),
    "31": ("Navarra", 42.81, -1.65), "32": ("Ourense", 42.34, -7.86),
    "33": ("Asturias", 43.36, -5.85), "34": ("Palencia", 42.01, -4.53),
    "35": ("Las Palmas", 28.12, -15.43), "36": ("Pontevedra", 42.43, -8.64),
    "37": ("Salamanca", 40.97, -5.66), "38": ("Santa Cruz de Tenerife", 28.47, -16.25),
    "39": ("Cantabria", 43.46, -3.81), "40": ("Segovia", 40.95, -4.12),
    "41": ("Sevilla", 37.39, -5.98), "42": ("Soria", 41.77, -2.46),
    "43": ("Tarragona", 41.12, 1.25), "44": ("Teruel", 40.34, -1.11),
    "45": ("Toledo", 39.86, -4.03), "46": ("Valencia", 39.47, -0.38),
    "47": ("Valladolid", 41.65, -4.72), "48": ("Bizkaia", 43.26, -2.93),
    "49": ("Zamora", 41.50, -5.74), "50": ("Zaragoza", 41.65, -0.89),
    "51": ("Ceuta", 35.89, -5.32), "52": ("Melilla", 35.29, -2.94),
}

# ISO 3166 alpha-2 -> approximate geographic centre (EU members and close neighbours).
COUNTRY_CENTROIDS: dict[str, tuple[float, float]] = {
    "AT": (47.6, 14.1), "BE": (50.6, 4.6), "BG": (42.7, 25.3), "HR": (45.1, 15.2),
    "CY": (35.1, 33.4), "CZ": (49.8, 15.5), "DK": (56.0, 10.0), "EE": (58.6, 25.0),
    "FI": (64.0, 26.0), "FR": (46.6, 2.4), "DE": (51.2, 10.4), "GR": (39.1, 22.0),
    "HU": (47.2, 19.5), "IE": (53.2, -8.0), "IT": (42.8, 12.6), "LV": (56.9, 24.6),
    "LT": (55.2, 23.9), "LU": (49.8, 6.1), "MT": (35.9, 14.4), "NL": (52.2, 5.3),
    "PL": (52.0, 19.4), "PT": (39.6, -8.0), "RO": (45.9, 24.9), "SK": (48.7, 19.7),
    "SI": (46.1, 14.8), "ES": (40.2, -3.6), "SE": (62.0, 15.0), "AD": (42.5, 1.5),
    "GB": (54.0, -2.0), "CH": (46.8, 8.2), "NO": (61.0, 8.0), "MC": (43.7, 7.4),
}

EARTH_RADIUS_KM = 6371.0


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_BY_NAME = {_fold(name): (lat, lon) for name, lat, lon in SPANISH_PROVINCES.values()}
# Common alternative spellings customers type.
_BY_NAME.update({_fold(k): _BY_NAME[_fold(v)] for k, v in {
    "Araba": "Álava", "Alacant": "Alicante", "Baleares": "Illes Balears", "Castelló": "Castellón",
    "Girona": "Girona", "Gerona": "Girona", "Guipúzcoa": "Gipuzkoa", "Lérida": "Lleida",
    "La Coruña": "A Coruña", "Orense": "Ourense", "Vizcaya": "Bizkaia", "València": "Valencia",
}.items()})


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance between two (latitude, longitude) points in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def locate(postcode: str, country: str = "ES", province: str = "") -> tuple[float, float] | None:
    """Best offline guess of a ship-to point: Spanish province by postcode or name, else the country."""
    country = (country or "ES").strip().upper()
    if country == "ES":
        digits = "".join(c for c in postcode if c.isdigit())
        if len(digits) == 5 and digits[:2] in SPANISH_PROVINCES:
            _name, lat, lon = SPANISH_PROVINCES[digits[:2]]
            return (lat, lon)
        if province and _fold(province) in _BY_NAME:
            return _BY_NAME[_fold(province)]
    return COUNTRY_CENTROIDS.get(country)
