"""Errors that name the file and line a person has to fix."""

from __future__ import annotations


class SourceError(Exception):
    """A problem in a source file (Markdown, .po, front matter), reported as `path:line: message`."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class SourceErrors(Exception):
    """Several problems at once, so a translator sees all of them in one run."""

    def __init__(self, errors: list[SourceError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
