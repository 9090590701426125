"""The one error type users see: a clear message naming the input and the reason."""


class InputError(ValueError):
    """Input that syndiff cannot compare. ``str(err)`` is a one-line message for the user."""
