"""Settings, declared once with their defaults and why."""

from __future__ import annotations

#: Largest input file read, in bytes. News articles are tens of kilobytes; 5 MB leaves room for a saved
#: page with inline scripts while keeping one bad file from stalling a batch.
MAX_INPUT_BYTES = 5 * 1024 * 1024

#: A sentence longer than this is quoted as a window of ``QUOTE_CONTEXT_CHARS`` either side of the words
#: a record is about: news sentences are far shorter, and output must stay linear in the input.
MAX_QUOTE_CHARS = 600
QUOTE_CONTEXT_CHARS = 60

#: Mentions of one place kept per sentence ("Mariupol, Mariupol, ..." ten thousand times is one place).
MAX_MENTIONS_PER_SENTENCE = 3

#: A sentence with more route stops than this is a list of towns, not a statement of routes.
MAX_ROUTE_STOPS = 40

# --- population thresholds of recognition and resolution (one table, read everywhere) ---

#: A town this big is known well enough that its name stands on its own: a title before it ("Gen.
#: Kherson") does not make it a person, and its other-language names are known exonyms (Odessa, Kiev).
PROMINENT_POPULATION = 200_000

#: A town this big is no hamlet: a person's verb after it ("Lviv said") is metonymy, a first name that is
#: also its name ("Austin") still names it, and in a Cyrillic-script story other spellings are tried.
SIZEABLE_POPULATION = 100_000

#: A town under this size known only by an alternate name needs other evidence to count; a division's
#: namesake town this big is what the bare name means ("Kharkiv" the city, not the oblast).
SMALL_TOWN_POPULATION = 50_000

#: A town this big known by another spelling ("Izium" for Izyum) counts where the document writes towns
#: of its country; a smaller one (a village of a thousand, one of many of that name) needs the country
#: named, or stays unpinned.
SPELLING_TOWN_POPULATION = 10_000

#: File suffixes read from a folder.
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Attacks whose place lies within this distance of a corridor are listed as near it.
ATTACK_BUFFER_KM = 25.0

#: Corridor lines are densified along the great circle with a vertex at least every this many km.
DENSIFY_KM = 10.0

#: A stated distance may be rounded down this much below the straight line ("about 80 km") and still be
#: consistent; shorter than that, it is wrong: no road is shorter than the straight line.
CLAIM_ROUNDING = 0.05

#: How much longer than the straight line a road may run (detour index). Road networks measure 1.2-1.4 in
#: open country and more along rivers, coasts and front lines; past 1.6 the stated figure is not a road
#: distance between these two places.
ROAD_DETOUR_MAX = 1.6

#: A stated direction within this many degrees of the computed bearing is consistent (one of 8 compass
#: points either side).
CLAIM_DIRECTION_TOLERANCE_DEG = 45.0
