"""Icons drawn with QPainter: a family's coloured badge and a state's dot (no image files)."""

from __future__ import annotations

import functools

from qtpy import QtCore, QtGui

FAMILY_COLOURS = {
    "render": "#e07b39",
    "plate": "#c9a227",
    "review": "#3aa0c9",
    "pointcache": "#5aa05a",
    "model": "#4f8f6f",
    "camera": "#8a6fc9",
    "audio": "#c95f8a",
    "workfile": "#7f8c99",
}
OTHER_FAMILY = "#7f8c99"

STATE_COLOURS = {
    "pending": "#6b7682",
    "running": "#3aa0c9",
    "success": "#46a758",
    "failed": "#e5484d",
    "skipped": "#4b535c",
    "stopped": "#c9a227",
}

SIZE = 18


def _pixmap() -> QtGui.QPixmap:
    ratio = 2.0
    pixmap = QtGui.QPixmap(int(SIZE * ratio), int(SIZE * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    return pixmap


@functools.cache
def family_icon(family: str) -> QtGui.QIcon:
    """A rounded square in the family's colour with its initial."""
    pixmap = _pixmap()
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor(FAMILY_COLOURS.get(family, OTHER_FAMILY)))
    painter.drawRoundedRect(QtCore.QRectF(1, 1, SIZE - 2, SIZE - 2), 4, 4)
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(11)
    painter.setFont(font)
    painter.setPen(QtGui.QColor("white"))
    painter.drawText(
        QtCore.QRectF(0, 0, SIZE, SIZE),
        QtCore.Qt.AlignmentFlag.AlignCenter,
        (family[:1] or "?").upper(),
    )
    painter.end()
    return QtGui.QIcon(pixmap)


@functools.cache
def state_icon(state: str) -> QtGui.QIcon:
    """A filled dot in the state's colour."""
    pixmap = _pixmap()
    painter = QtGui.QPainter(pixmap)
    painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    painter.setPen(QtCore.Qt.PenStyle.NoPen)
    painter.setBrush(QtGui.QColor(STATE_COLOURS[state]))
    painter.drawEllipse(QtCore.QRectF(4, 4, SIZE - 8, SIZE - 8))
    painter.end()
    return QtGui.QIcon(pixmap)
