"""Named inputs shared across tests (empty and hostile ones too). The sentences are ours."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2022-03-30_voa_ukraine_peace_talks_corridors.txt"
SHARED = ROOT.parent / "shared"

EMPTY = ""
WHITESPACE = "  \n\t \n"
BINARY = bytes(range(256)) * 8
CYRILLIC_CP1251 = "Київ і Харків: евакуація мешканців триває.".encode("cp1251")
LATIN1 = "Café owners in Sèvres said the convoy reached Zürich.".encode("latin-1")
HOSTILE_HTML = """<!doctype html><html><head><title>Shelling near Kharkiv</title>
<meta property="article:published_time" content="2022-05-02T09:00:00Z">
<script>alert('x')</script><style>p{color:red}</style></head>
<body><nav>Home | World | Live</nav><header>Breaking News</header>
<article><h1>Shelling near Kharkiv</h1>
<p>Artillery hit the outskirts of <b>Kharkiv</b> on Monday, officials said.</p>
<p>An aid convoy left Dnipro for Kharkiv later that day.</p>
<img src=x onerror="alert(1)"><p>&lt;script&gt;alert(2)&lt;/script&gt; stays text.</p>
</article><footer>Copyright</footer><script>document.write('evil')</script></body></html>"""

# Sentences written for corridormap's tests; facts from the news, words our own.
UKRAINE_STORY = (
    "Officials in Kyiv said buses would run from Mariupol to Zaporizhzhia on Friday.\n\n"
    "Russian artillery shelled Kharkiv overnight, the regional governor said.\n\n"
    "Talks between the two delegations resumed in Istanbul."
)
