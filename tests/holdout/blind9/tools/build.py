"""Rebuild the blind9 JSON files, recompute the arithmetic and verify. Run from the repository root:

    PYTHONPATH=. python3 tests/holdout/blind9/tools/build.py
"""
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for script in ("d901_d904.py", "d905_d908.py", "d909_d912.py", "arith.py"):
    subprocess.run([sys.executable, script], cwd=HERE, check=True)
env = dict(os.environ, PYTHONPATH=str(HERE.parents[3]) + os.pathsep + os.environ.get("PYTHONPATH", ""))
sys.exit(subprocess.run([sys.executable, str(HERE / "verify.py")], env=env).returncode)
