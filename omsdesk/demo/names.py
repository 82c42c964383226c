"""Word lists the demo generator draws from: Spanish people, places and products."""

from __future__ import annotations

FIRST_NAMES = (
    "María", "José", "Antonio", "Carmen", "Manuel", "Ana", "Francisco", "Laura", "David", "Lucía",
    "Javier", "Marta", "Daniel", "Sofía", "Alejandro", "Paula", "Pablo", "Elena", "Sergio", "Cristina",
    "Jorge", "Nuria", "Álvaro", "Irene", "Raúl", "Begoña", "Íñigo", "Núria", "Jordi", "Montserrat",
    "Ángel", "Rocío", "Joaquín", "Inés", "Andrés", "Pilar", "Óscar", "Consuelo", "Rubén", "Ainhoa",
)
SURNAMES = (
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
    "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez", "Romero", "Alonso",
    "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil", "Ramírez", "Serrano",
    "Blanco", "Molina", "Ibáñez", "Castaño", "Peña", "Nuñez", "Etxeberria", "Puig", "Ferrer", "Quiñones",
)
COMPANY_WORDS = (
    "Distribuciones", "Comercial", "Suministros", "Ferretería", "Papelería", "Bazar", "Hostelería",
    "Librería", "Droguería", "Cafetería", "Talleres", "Jardinería",
)
COMPANY_SUFFIX = ("S.L.", "S.A.", "S.L.U.", "S.Coop.")
STREETS = (
    "Calle Mayor", "Gran Vía", "Avenida de la Constitución", "Calle Real", "Paseo de Gracia",
    "Calle de Alcalá", "Rambla de Catalunya", "Calle Sierpes", "Avenida de Andalucía", "Calle Colón",
    "Plaza de España", "Calle San Vicente", "Calle Larios", "Avenida Diagonal", "Calle Ancha",
)
# city, province, postcode prefix, latitude, longitude
CITIES = (
    ("Madrid", "Madrid", "280", 40.4168, -3.7038), ("Barcelona", "Barcelona", "080", 41.3874, 2.1686),
    ("Valencia", "Valencia", "460", 39.4699, -0.3763), ("Sevilla", "Sevilla", "410", 37.3891, -5.9845),
    ("Zaragoza", "Zaragoza", "500", 41.6488, -0.8891), ("Málaga", "Málaga", "290", 36.7213, -4.4214),
    ("Murcia", "Murcia", "300", 37.9922, -1.1307), ("Palma", "Illes Balears", "070", 39.5696, 2.6502),
    ("Bilbao", "Bizkaia", "480", 43.2630, -2.9350), ("Alicante", "Alicante", "030", 38.3452, -0.4810),
    ("Córdoba", "Córdoba", "140", 37.8882, -4.7794), ("Valladolid", "Valladolid", "470", 41.6523, -4.7245),
    ("Vigo", "Pontevedra", "362", 42.2406, -8.7207), ("Gijón", "Asturias", "332", 43.5322, -5.6611),
    ("A Coruña", "A Coruña", "150", 43.3623, -8.4115), ("Granada", "Granada", "180", 37.1773, -3.5986),
    ("Logroño", "La Rioja", "260", 42.4627, -2.4450), ("Cádiz", "Cádiz", "110", 36.5271, -6.2886),
    ("Salamanca", "Salamanca", "370", 40.9701, -5.6635), ("Pamplona", "Navarra", "310", 42.8125, -1.6458),
)
PRODUCT_KINDS = (
    ("Taza de cerámica", 895, 2100, 350), ("Camiseta algodón", 1995, 2100, 180),
    ("Aceite de oliva virgen extra 1 l", 1150, 1000, 1000), ("Libro de recetas", 2490, 400, 600),
    ("Mochila urbana", 4490, 2100, 700), ("Auriculares inalámbricos", 5990, 2100, 200),
    ("Cuaderno A5", 395, 2100, 250), ("Lámpara de escritorio", 3490, 2100, 1200),
    ("Café en grano 500 g", 990, 1000, 520), ("Botella térmica", 1790, 2100, 400),
    ("Funda de móvil", 1290, 2100, 60), ("Cargador USB-C", 1990, 2100, 120),
    ("Sartén antiadherente", 2990, 2100, 1100), ("Toalla de baño", 1490, 2100, 500),
    ("Vela aromática", 1190, 2100, 300), ("Juego de cubiertos", 3990, 2100, 900),
    ("Zapatillas de casa", 1690, 2100, 400), ("Puzzle 1000 piezas", 1890, 2100, 700),
    ("Pan de molde integral", 245, 400, 500), ("Gafas de sol", 2590, 2100, 90),
)
VARIANTS = (
    "azul", "rojo", "verde", "negro", "blanco", "gris", "talla S", "talla M", "talla L", "edición ñandú",
    "modelo Cáceres", "pack 2", "pack 3", "grande", "pequeño",
)
CARRIERS = ("SEUR", "Correos Express", "MRW", "GLS", "DHL", "Nacex")
