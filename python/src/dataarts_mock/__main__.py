"""The `dataarts-mock` command a pip install puts on PATH: the bundled binary itself.

exec, not a child process: the pid, signals (SIGTERM stops it gracefully), stdin/stdout and the
exit status are the binary's own, as if it had been installed directly."""

import os
import sys

from ._binary import find_binary
from .errors import BinaryNotFound


def main() -> None:
    try:
        binary = find_binary()
    except BinaryNotFound as error:
        sys.exit(f"dataarts-mock: {error}")
    os.execv(binary, [binary, *sys.argv[1:]])


if __name__ == "__main__":
    main()
