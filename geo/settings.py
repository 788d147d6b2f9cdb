"""Settings, declared once with their defaults and why."""

from __future__ import annotations

#: Largest input file read, in bytes. News articles are tens of kilobytes; 5 MB leaves room for a saved
#: page with inline scripts while keeping one bad file from stalling a batch.
MAX_INPUT_BYTES = 5 * 1024 * 1024

#: File suffixes read from a folder.
TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

#: Attacks whose place lies within this distance of a corridor are listed as near it.
ATTACK_BUFFER_KM = 25.0

#: Corridor lines are densified along the great circle with a vertex at least every this many km.
DENSIFY_KM = 10.0

#: A stated distance within this share of the computed one is judged consistent.
CLAIM_DISTANCE_TOLERANCE = 0.2
