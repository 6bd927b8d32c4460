"""The one exception a format parser raises for input it cannot or must not load."""


class QuarantineError(Exception):
    """The file is recorded as quarantined with ``reason`` (one line, human readable)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason.splitlines()[0] if reason else "unreadable"
