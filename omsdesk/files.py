"""Writing the files a user saves (PDFs, exports, labels).

A document appears under its name only once it is whole: written next to the target, then
renamed over it. A crash, a full disk or a reader watching the folder (a print spooler, a sync
client, a test) never sees half a PDF, and an earlier file of that name stays intact on failure.
"""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes | str, encoding: str = "utf-8") -> Path:
    target = Path(path)
    payload = data.encode(encoding) if isinstance(data, str) else data
    if target.exists() and not target.is_file():
        # /dev/stdout, a FIFO, a printer device: there is nothing to rename over, write through.
        with open(target, "wb") as out:
            out.write(payload)
        return target
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp creates 0600; a saved document gets the usual mode for the user's umask.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return target
