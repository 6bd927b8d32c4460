"""Write c401.json … c412.json from the case scripts, then run verify.py and arith.py.

    python3 tests/holdout/blind4/tools/build.py
"""
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
for script in ("c401_c403.py", "c404_c406.py", "c407_c409.py", "c410_c412.py", "arith.py"):
    runpy.run_path(str(HERE / script), run_name="__main__")
runpy.run_path(str(HERE / "verify.py"), run_name="__main__")
