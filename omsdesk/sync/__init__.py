"""Channel connectors, the HTTP client they share, the outbox dispatcher and the sync scheduler."""
