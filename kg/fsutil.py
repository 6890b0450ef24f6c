"""Files: writing that never leaves a half-written file behind, reading, finding."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kg.errors import InputError

__all__ = ["atomic_write", "files_under", "read_utf8", "safe_child", "utf8"]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, fsync it, then rename it over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def safe_child(folder: Path, name: str) -> Path:
    """``folder/name``, refusing names that would escape ``folder``.

    >>> safe_child(Path("exports"), "claims.trig").as_posix()
    'exports/claims.trig'
    >>> safe_child(Path("exports"), "../etc/passwd")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: '../etc/passwd': a file name may not leave exports
    """
    candidate = (folder / name).resolve()
    if candidate.parent != folder.resolve() or name in ("", ".", ".."):
        raise InputError(f"{name!r}: a file name may not leave {folder}")
    return folder / name


def read_utf8(path: Path, max_bytes: int, error: type[InputError] = InputError) -> str:
    """The UTF-8 text of ``path``, refusing (with ``error``) files over ``max_bytes`` before
    reading them, unreadable files and invalid UTF-8. No newline translation."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror}") from None
    if size > max_bytes:
        raise error(f"{path}: file is {size} bytes, more than the {max_bytes} allowed")
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror}") from None


def files_under(folder: Path, suffixes: Iterable[str], skip: Iterable[str] = ()) -> list[Path]:
    """The files under ``folder`` (walked, symlinked folders not followed) whose suffix is one
    of ``suffixes`` (any case), in sorted order; hidden files and folders, and files named in
    ``skip``, are left out.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a/c.HTML", "a/d.yaml", ".hidden/e.txt", "README.md"):
    ...     (root / name).parent.mkdir(parents=True, exist_ok=True)
    ...     _ = (root / name).write_text("x")
    >>> [p.relative_to(root).as_posix() for p in files_under(root, {".txt", ".html", ".md"},
    ...                                                        skip={"README.md"})]
    ['a/c.HTML', 'b.txt']
    >>> import shutil; shutil.rmtree(root)
    """
    wanted = {s.lower() for s in suffixes}
    skipped = set(skip)
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            path = Path(dirpath, name)
            if name.startswith(".") or name in skipped or path.suffix.lower() not in wanted:
                continue
            if path.is_file():
                found.append(path)
    return sorted(found)


def utf8(data: bytes, what: str) -> str:
    """``data`` (read from ``what``) as text, or :class:`InputError` if it is not UTF-8.

    >>> utf8(b"caf\\xc3\\xa9", "stdin")
    'café'
    >>> utf8(b"\\xff", "stdin")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: stdin is not UTF-8 (byte 0)
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{what} is not UTF-8 (byte {exc.start})") from None
