"""Strategy's pages, one module per part of the work: `plans` (åtgärdsplan, measures,
indicators, problem pictures), `pictures` (the strategic lägesbild), `promises` (focus areas,
medborgarlöften), `statistics` (official crime statistics), `annual` (the annual follow-up).
Each view parses input, calls one service or selector and renders; urls.py names them."""
