"""``python -m lib.store``: see :mod:`lib.store.cli`."""

import sys

from lib.store.cli import main

sys.exit(main())
