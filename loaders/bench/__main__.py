import sys

from . import paths_stage  # noqa: F401  (registers the text_paths and pdf_paths stages)
from .run import main

sys.exit(main())
