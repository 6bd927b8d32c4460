import sys

from . import text_stage  # noqa: F401  (registers the text_paths stage)
from .run import main

sys.exit(main())
