"""partner-map: an interactive world map of an organisation's partner network."""
