"""The gazetteer: the municipality's named areas, place names and address register, and how
typed place text is matched against them (text.py), indexed (index.py) and imported
(addresses.py, services.py)."""
