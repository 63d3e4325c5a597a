"""The pure model of foedus. Imports nothing of ours beyond this package."""

from foedus.domain.errors import (
    ConfigurationError,
    CorruptDocumentError,
    EmptyDocumentError,
    EncodingError,
    EncryptedDocumentError,
    FileTooLargeError,
    FoedusError,
    InputError,
    NoTextLayerError,
    UnreadableFileError,
    UnsafeDocumentError,
    UnsupportedFormatError,
)
from foedus.domain.provision import Document, Provision, ProvisionKind

__all__ = [
    "ConfigurationError",
    "CorruptDocumentError",
    "Document",
    "EmptyDocumentError",
    "EncodingError",
    "EncryptedDocumentError",
    "FileTooLargeError",
    "FoedusError",
    "InputError",
    "NoTextLayerError",
    "Provision",
    "ProvisionKind",
    "UnreadableFileError",
    "UnsafeDocumentError",
    "UnsupportedFormatError",
]
