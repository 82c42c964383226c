"""Read side for screens, the CLI and reports: paged, filtered, indexed SELECTs returning plain rows."""
