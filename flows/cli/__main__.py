"""`python -m flows.cli ...`: the same as the `verslagen` console script."""
import sys

from flows.cli import main

sys.exit(main())
