"""Where the dataarts-mock executable is."""

import os
from pathlib import Path

from .errors import BinaryNotFound

#: The release binary the wheel carries (scripts/release.sh puts it there).
BUNDLED = Path(__file__).resolve().parent / "bin" / "dataarts-mock"


def find_binary() -> str:
    """$DATAARTS_MOCK_BIN if set (e.g. a build of your own), otherwise the wheel's binary."""
    chosen = os.environ.get("DATAARTS_MOCK_BIN") or str(BUNDLED)
    if not os.path.isfile(chosen):
        raise BinaryNotFound(f"no dataarts-mock executable at {chosen}")
    if not os.access(chosen, os.X_OK):
        raise BinaryNotFound(f"{chosen} is not executable")
    return chosen
