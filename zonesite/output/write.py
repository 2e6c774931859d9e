"""Stage 5: put files on disk all at once, or not at all: the one writer every command uses.

A whole site is written into a sibling folder and swapped in only when complete, so a failed or
interrupted build never leaves a half-written site where the old one was being served. A single
file (a zone file edited by import, a page the preview updates, a report) is written beside its
target and renamed over it, so no reader ever sees half a file.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

Output = dict[str, "bytes | Path"]


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
        if out.exists():
            os.replace(out, retired)
        os.replace(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired.exists() and not out.exists():
            os.replace(retired, out)
        raise
    shutil.rmtree(retired, ignore_errors=True)
