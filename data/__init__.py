"""corridormap's shipped data tables and offline basemap (see README.md here), installed as the package
``corridormap_data`` and found through ``geo.resources``."""
