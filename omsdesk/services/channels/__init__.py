"""Channels and connections: shops, the ERP and outgoing mail settings.

Imports only models and the services at the top level of services/ (audit, outbox, context).
"""
