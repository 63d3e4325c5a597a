"""The one error hierarchy of foedus.

Every error foedus raises on purpose derives from :class:`FoedusError` and carries its context
as attributes, so the edges (CLI, web) can translate it into an exit code or an HTTP status in
one place each::

    FoedusError
    ├── InputError                 the input cannot be read as an agreement
    │   ├── UnreadableFileError    missing, a directory, not permitted, or an OS read failure
    │   ├── FileTooLargeError      larger than the configured limit
    │   ├── EmptyDocumentError     no text at all (empty file, whitespace only)
    │   ├── UnsupportedFormatError not a format foedus reads (binary junk, unknown XML)
    │   ├── EncodingError          text whose encoding cannot be determined
    │   ├── CorruptDocumentError   a damaged DOCX/PDF/XML container
    │   ├── UnsafeDocumentError    a zip bomb, XML entities, other hostile constructs
    │   ├── EncryptedDocumentError a password-protected PDF
    │   └── NoTextLayerError       a scanned PDF without a text layer (OCR is not supported)
    └── ConfigurationError         a setting has an invalid value
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "ConfigurationError",
    "CorruptDocumentError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedDocumentError",
    "FileTooLargeError",
    "FoedusError",
    "InputError",
    "NoTextLayerError",
    "UnreadableFileError",
    "UnsafeDocumentError",
    "UnsupportedFormatError",
]


class FoedusError(Exception):
    """Base of every error foedus raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(FoedusError):
    """Raised when a document cannot be read; ``source`` names the file (or ``None``)."""

    def __init__(self, message: str, source: str | Path | None = None) -> None:
        super().__init__(message)
        self.source = str(source) if source is not None else None

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class UnreadableFileError(InputError):
    """Raised when the path does not exist, is a directory, or the OS refuses to read it."""


class FileTooLargeError(InputError):
    """Raised when a file (or a container's uncompressed content) passes the size limit."""

    def __init__(self, message: str, source: str | Path | None, size: int, limit: int) -> None:
        super().__init__(message, source)
        self.size = size
        self.limit = limit


class EmptyDocumentError(InputError):
    """Raised when a document holds no text at all."""


class UnsupportedFormatError(InputError):
    """Raised when the content is not a format foedus reads (binary data, unknown XML)."""


class EncodingError(InputError):
    """Raised when the character encoding of a text file cannot be determined."""


class CorruptDocumentError(InputError):
    """Raised when a DOCX, PDF or XML container is damaged or truncated."""


class UnsafeDocumentError(InputError):
    """Raised for hostile constructs: zip bombs, XML entity declarations, external entities."""


class EncryptedDocumentError(InputError):
    """Raised when a PDF needs a password to open."""


class NoTextLayerError(InputError):
    """Raised when a PDF has pages but no extractable text (a scan)."""


class ConfigurationError(FoedusError):
    """Raised when a setting has an invalid value; ``setting`` names it."""

    def __init__(self, message: str, setting: str) -> None:
        super().__init__(message)
        self.setting = setting
