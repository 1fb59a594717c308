"""Published files: path templates, atomic version folders, verified transfers, progress."""

from .errors import (
    DestinationExistsError,
    DiskFullError,
    FolderTakenError,
    LinkNotPossibleError,
    PermissionDeniedError,
    SourceMissingError,
    TransferError,
    VerificationError,
)
from .folders import claim_folder, make_folders
from .progress import Progress, ProgressBar, TransferProgress
from .template import PathFields, TemplateError, members, render_path, sanitise
from .transfer import MODES, FileTransfer, Mode, TransferredFile, transfer_files

__all__ = [
    "MODES",
    "DestinationExistsError",
    "DiskFullError",
    "FileTransfer",
    "FolderTakenError",
    "LinkNotPossibleError",
    "Mode",
    "PathFields",
    "PermissionDeniedError",
    "Progress",
    "ProgressBar",
    "SourceMissingError",
    "TemplateError",
    "TransferError",
    "TransferProgress",
    "TransferredFile",
    "VerificationError",
    "claim_folder",
    "make_folders",
    "members",
    "render_path",
    "sanitise",
    "transfer_files",
]
