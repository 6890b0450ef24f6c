"""A remote store's results are parsed as they arrive: stopping early reads little."""

from __future__ import annotations

import httpx

from kg.store import RemoteStore
from kg.store.base import Rows, Triples
from kg.store.stream import read_answer
from tests.servers import Server

_NUMBERS = " ".join(str(i) for i in range(100))
_TWENTY = " ".join(_NUMBERS.split()[:20])
#: 100 x 100 x 20 = 200,000 rows without any data in the store; SMALL has 100 x 100.
BIG = f"""SELECT ?a ?b ?c WHERE {{
  VALUES ?a {{ {_NUMBERS} }} VALUES ?b {{ {_NUMBERS} }} VALUES ?c {{ {_TWENTY} }}
}}"""
SMALL = f"SELECT ?a ?b WHERE {{ VALUES ?a {{ {_NUMBERS} }} VALUES ?b {{ {_NUMBERS} }} }}"


def _send(client: httpx.Client, server: Server, query: str) -> httpx.Response:
    request = client.build_request(
        "POST", server.query_url, data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
    )  # fmt: skip
    return client.send(request, stream=True)


def test_a_few_rows_read_a_little_of_a_big_answer(oxigraph: Server) -> None:
    with httpx.Client() as client:
        response = _send(client, oxigraph, BIG)
        answer = read_answer(response, oxigraph.query_url)
        assert isinstance(answer, Rows) and answer.variables == ("a", "b", "c")
        rows = iter(answer.rows)
        first = [next(rows) for _ in range(5)]
        assert all(len(r) == 3 and int(r[0]) in range(100) for r in first)
        assert response.num_bytes_downloaded < 1_000_000  # the whole answer is about 20 MB
        rows.close()  # type: ignore[attr-defined]
        assert response.is_closed


def test_every_row_arrives_when_read_to_the_end(oxigraph: Server) -> None:
    store = RemoteStore(oxigraph.query_url)
    answer = store.execute(SMALL)
    assert isinstance(answer, Rows)
    pairs = {(int(a), int(b)) for a, b in answer.rows}  # type: ignore[arg-type]
    assert len(pairs) == 10_000
    store.close()


def test_construct_streams_triples(oxigraph: Server) -> None:
    query = f"CONSTRUCT {{ <urn:s> <urn:p> ?a }} WHERE {{ VALUES ?a {{ {_NUMBERS} }} }}"
    store = RemoteStore(oxigraph.query_url)
    answer = store.execute(query)
    assert isinstance(answer, Triples)
    objects = sorted(int(o) for _, _, o in answer)  # type: ignore[call-overload]
    assert objects == list(range(100))
    store.close()
