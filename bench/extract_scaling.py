"""Extraction time against sentence length: one sentence of 25, 50, 100 and 200 KB.

Usage: python bench/extract_scaling.py

Prints seconds per size and per 100 KB; linear extraction keeps the per-100 KB figure flat.
(Before sentences were cut at `kg.extract.segment.MAX_SENTENCE`, 25 KB in one sentence took
4.8 s, 50 KB 31 s and 100 KB over 200 s.)
"""

from __future__ import annotations

import time

from kg.extract.api import extract_text

SENTENCES = {
    "en": "The minister said prices rose, and traders, who residents said had waited, rejected"
    " the claim ",
    "id": "Menteri Budi Santoso mengatakan harga beras naik dan pedagang di pasar induk, yang"
    " kata warga sudah lama menunggu, menolak klaim itu ",
}


def main() -> None:
    print("lang  size_kb  seconds  s_per_100kb  statements")
    for lang, base in SENTENCES.items():
        for kb in (25, 50, 100, 200):
            n = kb * 1000
            body = (base * (n // len(base) + 1))[:n] + "."
            t0 = time.perf_counter()
            found = extract_text("Title\n\n" + body, lang)
            took = time.perf_counter() - t0
            print(f"{lang:4}  {kb:7}  {took:7.2f}  {took / kb * 100:11.2f}  {len(found.claims):10}")


if __name__ == "__main__":
    main()
