#!/usr/bin/env python3
# derive_real_words: derives data/real_words_near_lexicon.txt, the English words that the prompt
# parser must not "correct": each is one typing slip (a letter left out or one too many, words of
# five or more letters; two neighbours swapped, four or more) from a genre, mood, instrument or
# voice phrase of the lexicon with the same first letter, so without this
# list "mental" would become "metal" and "county" "country" (src/spec/prompt_instrument_matchers.cpp,
# Parser::correction).
"""Real English words one slip away from a lexicon word.

Source: /usr/share/dict/american-english, Debian package wamerican (SCOWL by Kevin Atkinson; its
copyright file permits use, copying and distribution for any purpose). The list is derived here,
not downloaded.

Usage: derive_real_words.py [--dict /usr/share/dict/american-english] [--lexicon data/lexicon.json]
                            [--out data/real_words_near_lexicon.txt]
"""

import argparse
import json
import os
import re


def one_slip(written, word):
    """The same rule as the C++ one_slip: one letter missing, one extra, or two neighbours swapped."""
    if abs(len(written) - len(word)) == 1:
        longer, shorter = (written, word) if len(written) > len(word) else (word, written)
        i = 0
        while i < len(shorter) and shorter[i] == longer[i]:
            i += 1
        return shorter[i:] == longer[i + 1:]
    if len(written) != len(word):
        return False
    i = 0
    while i < len(word) and written[i] == word[i]:
        i += 1
    return i + 1 < len(word) and written[i] == word[i + 1] and written[i + 1] == word[i] and written[i + 2:] == word[i + 2:]


def words_of(value):
    """Every phrase written in a lexicon table: keys (underscores as spaces) and synonyms."""
    out = []
    for key, entry in value.items():
        out.append(key.replace("_", " "))
        synonyms = entry if isinstance(entry, list) else entry.get("synonyms", []) if isinstance(entry, dict) else []
        out.extend(s for s in synonyms if isinstance(s, str))
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dict", default="/usr/share/dict/american-english")
    parser.add_argument("--lexicon", default=os.path.join(root, "data", "lexicon.json"))
    parser.add_argument("--out", default=os.path.join(root, "data", "real_words_near_lexicon.txt"))
    args = parser.parse_args()
    with open(args.lexicon, encoding="utf-8") as f:
        lexicon = json.load(f)
    phrases = set()
    for table in ("genres", "moods", "instruments", "voices"):
        for phrase in words_of(lexicon.get(table, {})):
            phrase = re.sub(r"[-_]", " ", phrase.lower()).strip()
            if " " not in phrase and len(phrase) >= 4 and phrase.isalpha():
                phrases.add(phrase)
    with open(args.dict, encoding="utf-8", errors="replace") as f:
        english = {w.strip() for w in f if re.fullmatch(r"[a-z]+", w.strip())}
    # A lexicon word plus -s or -d ("movies", "chased") means the word itself: correcting it is right.
    # The parser's lengths (Session 11): a swap from four letters ("clam" is not "calm"), a letter
    # left out or added from five.
    def slip_it_corrects(w, p):
        swapped = len(w) == len(p)
        return p[0] == w[0] and one_slip(w, p) and (swapped or (len(w) >= 5 and len(p) >= 5))
    found = sorted(w for w in english if len(w) >= 4 and w not in phrases
                   and any(slip_it_corrects(w, p) and not (w[:-1] == p and w[-1] in "sd") for p in phrases))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# English words one typing slip from a lexicon genre, mood, instrument or voice word:\n")
        f.write("# the prompt parser never 'corrects' these. Derived by tools/derive_real_words/derive_real_words.py\n")
        f.write("# from /usr/share/dict/american-english (Debian wamerican, SCOWL; free for any use).\n")
        for w in found:
            f.write(w + "\n")
    print(f"{len(phrases)} lexicon words, {len(english)} English words: {len(found)} near misses -> {args.out}")


if __name__ == "__main__":
    main()
