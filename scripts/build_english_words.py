#!/usr/bin/env python3
"""Build translate/data/words_en.txt.gz: the English words that are no proper names, from
SCOWL (Kevin Atkinson's Spell Checker Oriented Word Lists), as Debian ships them in the
wamerican and wbritish packages (/usr/share/dict/american-english, british-english).

SCOWL writes proper names capitalised ("Leicester", "Starmer") and common words in lower case
("wasps", "flutter"); the file keeps the lower-case entries of both spellings, possessives left
out (about 65,000 words, 170 KB gzipped). `name-translated` reads it: a name made of words that
are not on it cannot have been translated word for word, only left out or said otherwise.

    apt-get download wamerican wbritish && dpkg -x wamerican_*.deb d && dpkg -x wbritish_*.deb d
    python scripts/build_english_words.py d/usr/share/dict/american-english d/usr/share/dict/british-english
"""

from __future__ import annotations

import argparse
import gzip
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "translate" / "data" / "words_en.txt.gz"

NOTICE = """\
# English words that are no proper names: the lower-case entries of SCOWL's American and British
# word lists (Debian's wamerican and wbritish 2020.12.07-2), built by scripts/build_english_words.py.
#
# SCOWL: Copyright 2000-2011 by Kevin Atkinson
#
# Permission to use, copy, modify, distribute and sell these word lists, the associated scripts,
# the output created from the scripts, and its documentation for any purpose is hereby granted
# without fee, provided that the above copyright notice appears in all copies and that both that
# copyright notice and this permission notice appear in supporting documentation. Kevin Atkinson
# makes no representations about the suitability of this array for any purpose. It is provided
# "as is" without express or implied warranty.
#
# SCOWL's sources are in the public domain (Moby Words II, 12Dicts, Brian Kelk's UK English
# Wordlist, the Jargon File lists), except the WordNet database its inflections were made with:
#
# WordNet 1.6 Copyright 1997 by Princeton University. All rights reserved.
# Permission to use, copy, modify and distribute this software and database and its documentation
# for any purpose and without fee or royalty is hereby granted, provided that you agree to comply
# with the following copyright notice and statements, including the disclaimer, and that the same
# appear on ALL copies of the software, database and documentation, including modifications that
# you make for internal use or for distribution.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS
# OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON UNIVERSITY
# MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE
# OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT INFRINGE ANY THIRD
# PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS. The name of Princeton University or
# Princeton may not be used in advertising or publicity pertaining to distribution of the software
# and/or database. Title to copyright in this software, database and any associated documentation
# shall at all times remain with Princeton University and LICENSEE agrees to preserve same.
#
# The full notices: /usr/share/doc/wamerican/copyright, http://wordlist.aspell.net/scowl-readme/
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lists", nargs="+", type=Path, help="SCOWL word lists, one word a line")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args()
    words: set[str] = set()
    for path in args.lists:
        for line in path.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word[:1].islower() and not word.endswith("'s"):
                words.add(word)
    text = NOTICE + "\n".join(sorted(words)) + "\n"
    args.output.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{args.output}: {len(words)} words, {args.output.stat().st_size} bytes")


if __name__ == "__main__":
    main()
