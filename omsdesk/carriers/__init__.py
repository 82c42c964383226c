"""Carrier connectors (Sendcloud, Correos, third-party ones): book a parcel, fetch its label, track it."""
