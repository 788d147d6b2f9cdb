"""The bundled example article, installed as the package ``corridormap_seeds`` (see ``geo.resources``)."""
