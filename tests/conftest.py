import sys
from pathlib import Path

from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

# No per-example deadline: on a loaded CI machine a parser's first call (its patterns compiled on
# first use) can pass 200 ms, which is no failure of the property. Tests set their own sizes.
settings.register_profile("citecheck", deadline=None)
settings.load_profile("citecheck")
