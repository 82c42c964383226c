"""`python -m omsdesk` runs the same entry point as the `omsdesk` command."""

import sys

from omsdesk.cli import main

sys.exit(main())
