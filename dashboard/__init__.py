"""corridormap's dashboard: the corridor map in a browser, over what ``geo`` computed."""
