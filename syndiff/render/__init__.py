"""Views of a comparison: every one renders a ``Comparison`` (or its syndiff/1 dict)."""
