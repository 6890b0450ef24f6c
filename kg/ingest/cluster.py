"""Extraction past one machine: the articles of a corpus extracted on a Dask cluster.

Extraction is a pure function from an article file to N-Quads
(:func:`kg.ingest.linkpass.article_nquads`), so any engine that maps a function over files can
run it. :func:`dask_extract` is the recipe for Dask (``pip install claimgraph[scale]``): a
``dask.bag`` over the file names, one N-Quads file per partition written into a folder by
the workers (on a real cluster, a folder every worker and the loading machine share), the
agent registry's graph beside them. Concatenated in name order they are what ``kg extract
--format nquads`` prints for the same files, in the same order; ``kg load`` puts them into an
empty store and links the articles in that order (:mod:`kg.ingest.linkpass`)::

    from dask.distributed import Client, LocalCluster      # or Client("scheduler:8786")
    from kg.ingest.cluster import dask_extract

    with Client(LocalCluster()):
        failed = dask_extract(sorted(Path("articles").rglob("*.txt")), Path("out"))
    # then: cat out/*.nq > corpus.nq && kg load corpus.nq --store .kg/store

A file that cannot be read or extracted is left out and named in the returned list, as ``kg
ingest`` reports it; the rest are written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kg.errors import KgError
from kg.ingest.linkpass import article_nquads, registry_nquads

__all__ = ["REGISTRY_FILE", "dask_extract", "extract_or_error"]

#: The registry's graph, named to sort before the partitions' files.
REGISTRY_FILE = "agents.nq"


def extract_or_error(path: str, lang: str = "auto") -> tuple[str, str]:
    """``(nquads, "")`` for a good article file, ``("", one-line error)`` for a bad one (an
    error of the extractor itself included), so one bad file never fails a partition."""
    try:
        return article_nquads(path, lang), ""
    except KgError as exc:
        message = str(exc)
        return "", message if message.startswith(path) else f"{path}: {message}"
    except Exception as exc:  # an error of the extractor itself fails its file only
        return "", f"{path}: could not be processed ({type(exc).__name__})"


def _part_name(i: int) -> str:
    return f"part-{i:06d}"


def dask_extract(
    files: Sequence[Path | str],
    folder: Path,
    lang: str = "auto",
    partitions: int | None = None,
) -> list[str]:
    """Extract ``files`` on the current Dask scheduler (a ``distributed.Client`` if one is
    active) into ``folder`` (``agents.nq`` and one ``part-NNNNNN.nq`` per partition, in the
    order of ``files``); return the errors of the files left out."""
    import dask
    import dask.bag as db

    folder.mkdir(parents=True, exist_ok=True)
    (folder / REGISTRY_FILE).write_text(registry_nquads(), encoding="utf-8")
    names = [str(f) for f in files]
    if not names:
        return []
    bag = db.from_sequence(names, npartitions=partitions or min(len(names), 100))
    results = bag.map(extract_or_error, lang)
    writes = results.pluck(0).to_textfiles(
        str(folder / "*.nq"), name_function=_part_name, encoding="utf-8", compute=False
    )
    errors = results.pluck(1).filter(bool)
    _written, failed = dask.compute(writes, errors)
    return list(failed)
