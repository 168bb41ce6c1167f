#!/usr/bin/env python3
# Derives data/policy/artists.txt (the artist-mimicry list) from ../shared/data/artists/chart_artists.tsv:
# the best-known chart acts, cleaned, each marked "distinct" (a bare mention refuses) or "word" (an
# ordinary word, number or place: only an explicit mimicry phrase refuses). Usage: see docs/rights.md.
# At run time a bare single-word "distinct" name also counts only when written as a name (see
# src/spec/content_policy.h); hand-kept names (composers) are in data/policy/artists_extra.txt.
import argparse
import re
import sys
import unicodedata
from pathlib import Path

# Chart entries that are not artists ("His Orchestra" is the tail of "Billy Vaughn And His Orchestra").
NOT_ARTISTS = re.compile(
    r"soundtrack|various artists|original .*cast|\bcast\b|cast recording|^unknown|^anonymous|"
    r"\bfeaturing\b|\bfeat\b|\bft\b|/|\bpresents\b|^soundtrack|^(his|her|their)\s", re.I)

# Words a prompt uses for a style, mood, instrument or sound: never refused, whatever phrase
# surrounds them (the lexicon's genres are added to these when --lexicon is given).
GENRE_WORDS = """
blues jazz rock pop soul funk disco gospel country folk reggae metal punk house techno trance ambient
grunge rap hip hop trap dubstep garage swing bebop ska dub r&b rnb motown doo wop doowop soundtrack
classical baroque opera chamber orchestra orchestral symphony choir strings piano guitar bass drums
synth organ brass horns band lofi lo fi chill chillout lounge electro electronic edm dance salsa samba
bossa tango waltz march celtic latin world cinematic epic dark happy sad calm bright heavy soft slow fast
love sunshine rain storm thunder night morning summer winter spring autumn fire ice gold silver diamond
heart heaven paradise angel angels ghost spirit dream dreams magic energy power air water earth space
""".split()

# Describing words: a two-word name made only of these and genre words ("Deep Purple", "Great
# White") could be a description, so it is treated as an ordinary phrase.
DESCRIPTIVE = set("""
big small little great deep high low new old young hot cold warm cool wild black white red blue green pink
purple yellow golden silver dark light bright heavy soft slow fast loud quiet sweet bitter simple pure
""".split())

# Places that name regional styles ("Chicago blues", "Memphis soul", "Detroit techno"): treated as
# ordinary words, never refused when bare.
STYLE_PLACES = """
chicago boston detroit memphis nashville atlanta texas kansas alabama california miami berlin london
paris vienna havana rio brazil jamaica africa europe america asia hollywood vegas seattle philadelphia
manchester liverpool bristol dublin ireland scotland spain cuba mexico tokyo seoul kingston orleans
new york chicago harlem bronx brooklyn compton oakland houston dallas austin denver portland
""".split()

STOPWORDS = set("the a an of and or in on at to for with by from is it who yes no me my you your we us".split())


def fold(text):
    """Lower case, accents removed, '&' as 'and', punctuation dropped, words separated by one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "").replace(".", "")
    text = re.sub(r"[^a-z0-9$!+]+", " ", text)
    return " ".join(text.split())


def load_words(path):
    lower, proper = set(), set()
    for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.strip()
        if not word or "'" in word:
            continue
        (lower if word == word.lower() else proper).add(word.lower())
    return lower, proper


def lexicon_words(path):
    """Every phrase of the prompt lexicon (genres, moods, instruments, tempo words...) and its words."""
    import json
    phrases = set()

    def walk(node, depth):
        if isinstance(node, dict):
            for key, value in node.items():
                if depth > 0:
                    phrases.add(fold(key.replace("_", " ")))
                walk(value, depth + 1)
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, str):
                    phrases.add(fold(item))

    doc = json.loads(Path(path).read_text())
    for section, value in doc.items():
        if section not in ("about", "defaults"):
            walk(value, 1)
    words = {w for p in phrases for w in p.split()}
    return phrases | words


def classify(name, common, genre_words):
    """'genre' (never refused: drop), 'word' (needs an explicit phrase) or 'distinct'."""
    words = name.split()
    content = [w for w in words if w != "the"] or words
    if len(content) == 1 and (content[0] in genre_words or content[0] in STOPWORDS or len(content[0]) < 3):
        return "genre" if content[0] in genre_words else "word"
    # Numbers ("112", "311", "The 1975") and quantity-shaped names, a number and then ordinary words
    # ("10 Years", "3 Doors Down", "98 Degrees"), read as tempos, lengths and counts in a prompt.
    if content[0].isdigit() and all(w.isdigit() or w in common or w in STOPWORDS for w in content):
        return "word"
    if name in genre_words or " ".join(content) in genre_words:
        return "genre"
    if len(content) == 1:
        return "word" if content[0] in common or content[0] in STYLE_PLACES else "distinct"
    if len(content) == 2 and all(w in DESCRIPTIVE or w in genre_words for w in content):
        return "word"
    return "distinct"


def drop_split_parts(rows):
    """The chart file also lists the parts of "A & B" / "A And B" with the same chart-weeks
    ("Earth, Wind", "Fire", "The Pips"): those fragments are not acts of their own."""
    by_weeks = {}
    for weeks, raw in rows:
        by_weeks.setdefault(weeks, []).append(fold(raw))
    kept = []
    for weeks, raw in rows:
        name = fold(raw)
        wholes = [m for m in by_weeks[weeks] if m != name and " and " in m]
        if any(m.startswith(name + " ") or m.endswith(" " + name) for m in wholes):
            continue
        kept.append((weeks, raw))
    return kept


def main():
    here = Path(__file__).resolve().parent
    root = here.parent.parent
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--input", default=root.parent / "shared/data/artists/chart_artists.tsv")
    parser.add_argument("--words", default="/usr/share/dict/words", help="word list (Debian wamerican)")
    parser.add_argument("--lexicon", default=root / "data/lexicon.json")
    parser.add_argument("--count", type=int, default=3000, help="how many artists to keep, by chart-weeks")
    parser.add_argument("--output", default=root / "data/policy/artists.txt")
    args = parser.parse_args()

    common, _ = load_words(args.words)
    genre_words = set(GENRE_WORDS) | lexicon_words(args.lexicon)
    rows = []
    for line in Path(args.input).read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) != 2 or NOT_ARTISTS.search(parts[0]):
            continue
        rows.append((int(parts[1]), parts[0].strip()))
    rows.sort(key=lambda r: (-r[0], r[1]))
    rows = drop_split_parts(rows)

    kept, seen, dropped = [], set(), {"genre": 0, "short": 0}
    for weeks, raw in rows:
        name = fold(raw)
        if len(name.replace(" ", "")) < 2:
            dropped["short"] += 1
            continue
        if name in seen:
            continue
        seen.add(name)
        kind = classify(name, common, genre_words)
        if kind == "genre":
            dropped["genre"] += 1
            continue
        kept.append((name, kind, raw, weeks))
        if len(kept) >= args.count:
            break

    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        f.write("# Artists whose style tunesmith will not imitate (see docs/rights.md, 'Artist mimicry').\n")
        f.write("# Derived by tools/derive_artist_list/derive_artist_list.py from chart_artists.tsv (Billboard\n")
        f.write("# Hot 100 / 200 chart-weeks 1958-2026, from the MIT-licensed rwd-billboard-data archive).\n")
        f.write("# Format: folded name <TAB> kind. distinct: a mention refuses; word: an ordinary word, number\n")
        f.write("# or place, refused only in an explicit mimicry phrase. Names that are genre words are left out.\n")
        for name, kind, raw, weeks in kept:
            f.write(f"{name}\t{kind}\n")
    kinds = {k: sum(1 for _, kk, _, _ in kept if kk == k) for k in ("distinct", "word")}
    print(f"wrote {len(kept)} names to {out} ({kinds['distinct']} distinct, {kinds['word']} word); "
          f"left out {dropped['genre']} genre words, {dropped['short']} too short", file=sys.stderr)


if __name__ == "__main__":
    main()
