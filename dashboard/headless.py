"""How corridormap runs Chromium headless, for its browser tests and benchmarks.

As root on a machine with no network but the package registries: no sandbox, no GPU, and none of the
browser's own background traffic (which would otherwise be refused, many times a start).
"""

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1500,1000",
)
