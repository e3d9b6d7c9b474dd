"""Statistics for crime prevention: hot spots, period comparisons, patterns, evaluation.

Pure Python on numpy/scipy/h3: arrays and dataclasses in, arrays and dataclasses out. Nothing
here imports Django or the rest of Trygg (a test enforces it).
"""
