"""What a publish created: each version with its thumbnail, Open folder and Open in ftrack."""

from __future__ import annotations

from collections.abc import Sequence

from qtpy import QtCore, QtGui, QtWidgets

from ftpub.core.ui.tracker import VersionView

THUMBNAIL_WIDTH = 160
THUMBNAIL_HEIGHT = 90


def open_url(url: QtCore.QUrl) -> bool:
    """Open ``url`` with the desktop's handler (file manager, web browser)."""
    return QtGui.QDesktopServices.openUrl(url)


class VersionCard(QtWidgets.QFrame):
    """One version: thumbnail, name and the two buttons."""

    def __init__(self, view: VersionView, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.setObjectName("versionCard")
        thumbnail = QtWidgets.QLabel()
        thumbnail.setObjectName("thumbnail")
        thumbnail.setFixedSize(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT)
        thumbnail.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        image = QtGui.QPixmap()
        if view.thumbnail and image.loadFromData(view.thumbnail):
            thumbnail.setPixmap(
                image.scaled(
                    THUMBNAIL_WIDTH,
                    THUMBNAIL_HEIGHT,
                    QtCore.Qt.AspectRatioMode.KeepAspectRatio,
                    QtCore.Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            thumbnail.setText("no thumbnail")
        self.has_thumbnail = thumbnail.pixmap() is not None and not thumbnail.pixmap().isNull()
        name = QtWidgets.QLabel(f"<b>{view.asset_name}</b>  v{view.version:03d}")
        components = QtWidgets.QLabel(", ".join(view.components))
        components.setObjectName("components")
        self.open_folder = QtWidgets.QPushButton("Open &folder")
        self.open_folder.setEnabled(view.folder is not None)
        self.open_folder.clicked.connect(self._open_folder)
        self.open_ftrack = QtWidgets.QPushButton("Open in f&track")
        self.open_ftrack.clicked.connect(lambda: open_url(QtCore.QUrl(view.url)))
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.open_folder)
        buttons.addWidget(self.open_ftrack)
        buttons.addStretch(1)
        text = QtWidgets.QVBoxLayout()
        text.addWidget(name)
        text.addWidget(components)
        text.addStretch(1)
        text.addLayout(buttons)
        layout = QtWidgets.QHBoxLayout(self)
        layout.addWidget(thumbnail)
        layout.addLayout(text, 1)

    def _open_folder(self) -> None:
        if self.view.folder is not None:
            open_url(QtCore.QUrl.fromLocalFile(str(self.view.folder)))


class VersionsView(QtWidgets.QScrollArea):
    """The cards of a publish's versions, with a line saying what happened."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.summary = QtWidgets.QLabel("Nothing published yet.")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.cards: list[VersionCard] = []
        self._deck: QtWidgets.QWidget | None = None
        page = QtWidgets.QWidget()
        self._page = QtWidgets.QVBoxLayout(page)
        self._page.addWidget(self.summary)
        self._page.addStretch(1)
        self.setWidget(page)

    def show_versions(self, summary: str, views: Sequence[VersionView]) -> None:
        """Show ``summary`` and a card per version, in place of what was shown.

        The cards are laid out in a deck of their own, put in at once below the summary:
        adding them one by one to the page on screen would lay every card out again for each
        one added. The page stays (taking it out would restyle every card in it).
        """
        self.summary.setText(summary)
        shown = self._deck
        if shown is not None:
            shown.hide()
            self._page.removeWidget(shown)
            shown.deleteLater()  # a card's own click may have led here
        self.cards = [VersionCard(view) for view in views]
        self._deck = None
        if self.cards:
            self._deck = QtWidgets.QWidget()
            layout = QtWidgets.QVBoxLayout(self._deck)
            layout.setContentsMargins(0, 0, 0, 0)
            for card in self.cards:
                layout.addWidget(card)
            self._page.insertWidget(1, self._deck)
            self._deck.show()  # at once (a layout shows a widget put in on the next turn)
