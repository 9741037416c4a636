#!/usr/bin/env python3
"""Readers on a long document: seconds to read and segment N paragraphs (default 20,000) in
each input format, so that a reader that grows faster than its input shows.

Every document holds the same German paragraphs (news-like sentences, every tenth a heading,
every fifth paragraph followed by an image with a description), written the way each format's
tools write them: plain text, Markdown, an HTML page, a DOCX (python-docx) and an ODT (odfpy).

    python scripts/bench_read.py [--paragraphs 20000] [--formats txt,md,html,docx,odt]
"""

from __future__ import annotations

import argparse
import html
import tempfile
import time
from pathlib import Path

WORDS = ("Die Stadt hat am Dienstag beschlossen, die Mieten in der Innenstadt für alle Wohnungen zu senken, "
         "sagte der Sprecher des Rathauses in Berlin").split()


def paragraphs(n: int) -> list[tuple[str, str]]:
    """(kind, text): a heading every tenth, else a paragraph of two sentences."""
    out = []
    for k in range(n):
        if k % 10 == 0:
            out.append(("heading", f"Abschnitt {k // 10 + 1}: Mieten und Wohnungen"))
        else:
            words = WORDS[: 8 + k % (len(WORDS) - 8)]
            out.append(("paragraph", " ".join(words) + f" {k}. Das gilt ab Januar."))
    return out


def image(k: int) -> str | None:
    return f"Ein Haus in der Straße Nummer {k}" if k % 5 == 4 else None


def write(fmt: str, paras: list[tuple[str, str]], path: Path) -> None:
    if fmt == "txt":
        path.write_text("\n\n".join(t for _, t in paras) + "\n", encoding="utf-8")
    elif fmt == "md":
        lines = []
        for k, (kind, text) in enumerate(paras):
            lines.append(f"## {text}" if kind == "heading" else text)
            if image(k):
                lines.append(f"![{image(k)}](haus-{k}.png)")
        path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    elif fmt == "html":
        body = []
        for k, (kind, text) in enumerate(paras):
            tag = "h2" if kind == "heading" else "p"
            body.append(f"<{tag}>{html.escape(text)}</{tag}>")
            if image(k):
                body.append(f'<img src="haus-{k}.png" alt="{html.escape(image(k) or "")}">')
        path.write_text("<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Bericht</title></head>"
                        f"<body><article>{''.join(body)}</article></body></html>", encoding="utf-8")
    elif fmt == "docx":
        import docx

        doc = docx.Document()
        for kind, text in paras:
            doc.add_heading(text, level=2) if kind == "heading" else doc.add_paragraph(text)
        doc.save(str(path))
    elif fmt == "odt":
        from odf.opendocument import OpenDocumentText
        from odf.text import H, P

        doc = OpenDocumentText()
        for kind, text in paras:
            doc.text.addElement(H(outlinelevel=2, text=text) if kind == "heading" else P(text=text))
        doc.save(str(path))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--paragraphs", type=int, default=20000)
    ap.add_argument("--formats", default="txt,md,html,docx,odt")
    args = ap.parse_args()

    from translate.pipeline import segment_source
    from translate.read import read_document

    paras = paragraphs(args.paragraphs)
    print(f"{args.paragraphs:,} paragraphs a document")
    print(f"{'format':<8}{'size MB':>9}{'read s':>9}{'segment s':>11}{'blocks':>9}{'sentences':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats.split(","):
            path = Path(tmp) / f"long.{fmt}"
            write(fmt, paras, path)
            t0 = time.perf_counter()
            source = read_document(path)
            t1 = time.perf_counter()
            records = segment_source(source)
            t2 = time.perf_counter()
            print(f"{fmt:<8}{path.stat().st_size / 2**20:>9.1f}{t1 - t0:>9.2f}{t2 - t1:>11.2f}"
                  f"{len(source.blocks) or len(paras):>9,}{len(records):>11,}")


if __name__ == "__main__":
    main()
