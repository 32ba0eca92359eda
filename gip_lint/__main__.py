"""``python -m gip_lint`` is the same as ``gip-lint``."""

import sys

from gip_lint.cli.main import main

sys.exit(main())
