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
    │   ├── NoTextLayerError       a scanned PDF without a text layer (OCR is not supported)
    │   └── PackageModelError      a package-deal model file is invalid
    ├── ConfigurationError         a setting has an invalid value
    ├── AuthenticationError        wrong credentials, an unknown or revoked token
    ├── PermissionDeniedError      the user may not do or see this
    │   └── AnalysisNotPermittedError  an analysis would expose a delegation's valuations
    ├── NotFoundError              no such negotiation, provision, proposal…
    ├── ConflictError              the text changed since the version the change was made on
    └── ValidationError            a request is well-formed but not acceptable (a state rule)
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AnalysisNotPermittedError",
    "AuthenticationError",
    "ConfigurationError",
    "ConflictError",
    "CorruptDocumentError",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedDocumentError",
    "FileTooLargeError",
    "FoedusError",
    "InputError",
    "NoTextLayerError",
    "NotFoundError",
    "PackageModelError",
    "PermissionDeniedError",
    "UnreadableFileError",
    "UnsafeDocumentError",
    "UnsupportedFormatError",
    "ValidationError",
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


class PackageModelError(InputError):
    """Raised when a package-deal model is invalid; ``where`` is the path of the bad entry
    in the model ("valuations.Ukraine.values.funding")."""

    def __init__(self, message: str, source: str | Path | None = None, where: str = "") -> None:
        super().__init__(f"{where}: {message}" if where else message, source)
        self.where = where


class AuthenticationError(FoedusError):
    """Raised for wrong credentials or an unknown, expired or revoked session or token."""


class PermissionDeniedError(FoedusError):
    """Raised when the acting user may not do or see something; ``action`` names it."""

    def __init__(self, message: str, action: str = "") -> None:
        super().__init__(message)
        self.action = action


class AnalysisNotPermittedError(PermissionDeniedError):
    """Raised when an analysis would show a delegation's private valuation to someone it was
    not meant for: a joint analysis without every delegation's consent, or a delegation view
    for a party whose valuation is not in the model. ``missing`` names the parties at issue."""

    def __init__(self, message: str, missing: tuple[str, ...] = ()) -> None:
        super().__init__(message, "package-deal analysis")
        self.missing = missing


class NotFoundError(FoedusError):
    """Raised when a negotiation, provision, proposal… does not exist (or is not visible to
    the acting user, which is the same thing to them); ``entity`` and ``key`` name it."""

    def __init__(self, message: str, entity: str = "", key: str = "") -> None:
        super().__init__(message)
        self.entity = entity
        self.key = key


class ConflictError(FoedusError):
    """Raised when a change was made against a text that has changed since: nothing is
    overwritten. Carries the current text, the attempted one and the current version."""

    def __init__(
        self, message: str, current_text: str, attempted_text: str, current_version: int
    ) -> None:
        super().__init__(message)
        self.current_text = current_text
        self.attempted_text = attempted_text
        self.current_version = current_version


class ValidationError(FoedusError):
    """Raised when a request is well-formed but breaks a rule of the negotiation (a status
    that cannot follow, a proposal already decided); ``field`` names the culprit if any."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field
