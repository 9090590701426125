"""syndiff: how outlets rewrite the same wire story.

The core (``compare`` and the modules it uses) is pure: text in, ``Comparison`` out, no
I/O and no web framework. Loading files, the CLI and the renderers sit around it.
"""

from .comparison import compare
from .errors import InputError
from .model import Block, Comparison, Edit, Row, Source, Summary, Version

__all__ = ["compare", "load", "InputError", "Block", "Comparison", "Edit", "Row", "Source", "Summary", "Version"]
# A corpus re-run reuses what a run of this version prepared and compared: a change to what
# syndiff outputs must change the version (and pyproject.toml's).
__version__ = "0.2.0"


def load(path_or_url: str) -> str:
    """The plain text of a file ("-" for standard input). Does I/O: not part of the core."""
    from .load import load_text

    return load_text(path_or_url).text
