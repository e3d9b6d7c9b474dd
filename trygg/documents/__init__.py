"""PDF (Typst) and editable DOCX (python-docx) rendering, in Swedish: a neutral document
model (`model`), its renderers (`pdf`, `word`) and Swedish formatting (`formatting`).

Imports no app (an import-linter contract in pyproject.toml): what a document says belongs to
the app that owns it, e.g. trygg.lagesbild.document_content for the lägesbild and minutes.
"""
