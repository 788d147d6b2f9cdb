"""``python -m corridormap``: the same as the ``corridormap`` command."""

import sys

from corridormap.cli import main

sys.exit(main())
