"""The product's colours, in one place: the stylesheet declares each as a custom property
(`--ink` in trygg/static/trygg/trygg.css, used everywhere else as `var(--ink)`), the SVG
charts drawn in Python and the PDF template use these values, and the map scripts read the
custom properties. A test parses the stylesheet and fails when it and this table drift.

Text colours meet WCAG 2.1 AA (≥ 4.5:1) on `bg` and `soft`. Pure: no Django import."""

TOKENS: dict[str, str] = {
    # Text, surfaces and lines
    "ink": "#1b1f24",
    "muted": "#4a5360",  # 7.6:1 on white: small axis labels stay readable
    "bg": "#ffffff",
    "soft": "#f3f5f8",
    "line": "#c9d0d9",
    "input-border": "#6b7583",
    "brand": "#0b4f8a",
    "brand-dark": "#083a66",
    "focus": "#ffbf47",
    # Messages
    "ok": "#1e6b34",
    "ok-bg": "#e8f4ec",
    "err": "#a3191f",
    "err-bg": "#fbe9ea",
    "warn": "#8a5a00",
    "warn-bg": "#fff4d6",
    # Report statuses (done is `ok`, rejected `muted`)
    "status-new": "#8a3b00",
    "status-assessed": "#00528a",
    "status-in-progress": "#5a2d82",
    # Maps: the municipality's areas and the reports on the live map
    "map-bg": "#f7fafc",
    "area-fill": "rgba(11, 79, 138, 0.15)",
    "map-report": "#b3261e",
    # The basemap's localities (tätorter) and water, on the vector map and the SVG maps
    "map-locality": "#e5dccb",
    "map-water": "#b7d3e9",
    # The weekday × hour table on the lägesbild page, light = few
    "heat-1": "#e8f0f8",
    "heat-2": "#c5d9ee",
    "heat-3": "#8fb5dd",
    "heat-4": "#3673b0",  # 4.96:1 with white text (WCAG AA)
    "heat-5": "#0b4f8a",
    # Charts. ColorBrewer YlGnBu, light = few: readable in greyscale print and by
    # colour-blind readers, and far from the dark red and blue that mark hot and cold spots.
    "chart-1": "#ffffcc",
    "chart-2": "#a1dab4",
    "chart-3": "#41b6c4",
    "chart-4": "#2c7fb8",
    "chart-5": "#253494",
    "chart-zero": "#f0f0f0",
    "chart-bar": "#9ecae1",
    "chart-paper": "#fafafa",
    "chart-cell-line": "#8c8c8c",
    "chart-boundary": "#4d4d4d",
    "hot": "#a50f15",
    "cold": "#08519c",
}

INK = TOKENS["ink"]
MUTED = TOKENS["muted"]
LINE = TOKENS["line"]
WHITE = TOKENS["bg"]
SEQUENTIAL = tuple(TOKENS[f"chart-{i}"] for i in range(1, 6))
CHART_ZERO = TOKENS["chart-zero"]
CHART_BAR = TOKENS["chart-bar"]
CHART_PAPER = TOKENS["chart-paper"]
CHART_CELL_LINE = TOKENS["chart-cell-line"]
CHART_BOUNDARY = TOKENS["chart-boundary"]
MAP_LOCALITY = TOKENS["map-locality"]
MAP_WATER = TOKENS["map-water"]
HOT = TOKENS["hot"]
COLD = TOKENS["cold"]
