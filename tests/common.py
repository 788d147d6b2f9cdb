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


def callback_caller(app):
    """``call(output_prefix, inputs, state)``: a callback request through the app's real Flask server, as
    the page would send it (values keyed ``"id.property"``)."""
    client = app.server.test_client()
    deps = client.get("/_dash-dependencies").get_json()

    def call(prefix, inputs, state):
        dep = next(d for d in deps if d["output"].lstrip(".").startswith(prefix))
        outs = [
            {"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1].split("@")[0]}
            for o in dep["output"].strip(".").split("...")
        ]
        body = {
            "output": dep["output"],
            "outputs": outs if len(outs) > 1 else outs[0],
            "inputs": [{**i, "value": inputs.get(f"{i['id']}.{i['property']}")} for i in dep["inputs"]],
            "state": [{**s, "value": state.get(f"{s['id']}.{s['property']}")} for s in dep["state"]],
            "changedPropIds": [next(iter(inputs))],
        }
        return client.post("/_dash-update-component", json=body)

    return call


def ingested_store(tmp_path_factory, articles: dict[str, str]) -> Path:
    """A store holding ``articles`` (file name -> text), ingested as ``corridormap ingest`` would."""
    from corridormap.ingest import ingest
    from geo.store import Store

    folder = tmp_path_factory.mktemp("news")
    for name, text in articles.items():
        (folder / name).write_text(text)
    target = tmp_path_factory.mktemp("store")
    with Store(target) as s:
        ingest([str(folder)], s, workers=1)
    return target
