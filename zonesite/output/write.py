"""Stage 5: put files on disk all at once, or not at all: the one writer every command uses.

A whole site is written into a sibling folder and swapped in only when complete, so a failed or
interrupted build never leaves a half-written site where the old one was being served. A single
file (a zone file edited by import, a page the preview updates, a report) is written beside its
target and renamed over it, so no reader ever sees half a file.
"""

from __future__ import annotations

import ctypes
import errno
import functools
import os
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

Output = dict[str, "bytes | Path"]

AT_FDCWD = -100  # Linux: paths are taken as they are, relative to the working folder
RENAME_EXCHANGE = 2  # Linux's renameat2 flag: swap two existing paths in one step


def write_file(path: Path, content: bytes | str) -> None:
    """Replace ``path`` with ``content`` (text is written as UTF-8) in one step."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def staging_for(out: Path) -> Path:
    """The folder a whole site is written into before it replaces ``out`` (a sibling, so the swap
    is a rename on one file system)."""
    out = out.resolve()
    return out.parent / f".{out.name}.tmp-{os.getpid()}"


def write_site(output: Output, out: Path, finish: Callable[[Path], None] | None = None, staged: bool = False) -> None:
    """Write ``output`` to ``out``, replacing what was there only once every file is written.

    ``finish`` runs on the complete staging folder before the swap (the search index is built
    there); if it fails, nothing is swapped. With ``staged``, files already written into the
    staging folder (pages rendered straight there) are kept, not written again.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_for(out)
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    if not staged:
        shutil.rmtree(staging, ignore_errors=True)
    try:
        for name, content in output.items():
            target = staging / name
            if isinstance(content, Path) and content == target:
                continue  # rendered straight into the staging folder
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            else:
                target.write_bytes(content)
        if finish is not None:
            finish(staging)
        sweep(out)
        _swap(staging, out, retired)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not out.exists():
            os.replace(retired, out)
        raise
    shutil.rmtree(retired, ignore_errors=True)


def _swap(staging: Path, out: Path, retired: Path) -> None:
    """Put the complete ``staging`` folder where ``out`` is. Where the system can exchange two
    paths in one step, it does, so there is no moment without a whole site at ``out`` (the
    previous site, now at ``staging``, is then moved to ``retired``); elsewhere the previous site
    is moved to ``retired`` first, and the caller puts it back if the second rename fails."""
    if out.exists() and _exchange(staging, out):
        os.replace(staging, retired)
        return
    if out.exists():
        os.replace(out, retired)
    os.replace(staging, out)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically (Linux's ``renameat2`` with ``RENAME_EXCHANGE``, which
    Python's library does not offer). False, with nothing changed, where the system or the file
    system has no such call."""
    rename = _renameat2()
    if rename is None:
        return False
    if rename(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(error, os.strerror(error), str(first), None, str(second))


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """The C library's ``renameat2`` (glibc 2.28 or later), or None."""
    if not sys.platform.startswith("linux"):
        return None
    rename = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename is not None:
        rename.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
        rename.restype = ctypes.c_int
    return rename


def sweep(out: Path) -> None:
    """Remove the staging and retired folders that builds killed before they could clean up
    (by ``SIGKILL``) left beside ``out``; a folder whose build is still running is kept."""
    if os.name != "posix" or not out.parent.is_dir():
        return  # liveness is asked with signal 0, which only POSIX systems answer harmlessly
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(?:tmp|old)-(\d+)")
    for folder in out.parent.iterdir():
        match = pattern.fullmatch(folder.name)
        if match and int(match.group(1)) != os.getpid() and not _running(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
