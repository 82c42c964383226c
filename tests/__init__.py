"""omsdesk test suite: unit, integration, gui and e2e tests."""
