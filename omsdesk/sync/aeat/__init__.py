"""VERI*FACTU submission to the AEAT: SOAP messages, the TLS client, the outbox delivery."""
