"""The window's few styled parts (banner, errors, version cards) and the stand-alone look.

Inside a DCC the window follows the DCC's palette; ``ftpub window`` uses :func:`desktop_look`.
"""

from __future__ import annotations

from qtpy import QtGui, QtWidgets

STYLE_SHEET = """
QLabel#task { font-weight: bold; }
QLabel#task[missing="true"] { color: #e5484d; }
QLabel#banner { padding: 8px 10px; border-radius: 4px; }
QLabel#banner[level="info"] { background: #1f3247; color: #d6e6f7; border: 1px solid #3a7bd5; }
QLabel#banner[level="error"] { background: #5a1f22; color: #ffd8d8; border: 1px solid #e5484d; }
QLabel#banner[level="warning"] { background: #4d3f12; color: #fff1c2; border: 1px solid #c9a227; }
QLabel#banner[level="success"] { background: #1d4227; color: #d6f5dc; border: 1px solid #46a758; }
QLabel#errorTitle { font-size: 14px; font-weight: bold; }
QLabel#errorTitle[failed="true"] { color: #ff6b70; }
QLabel#dropHint { border: 2px dashed #6b7682; border-radius: 6px; padding: 18px; color: #9aa4ae; }
QFrame#detailPanel { background: palette(base); border-top: 1px solid #3a4046; }
QFrame#versionCard { border: 1px solid #4b535c; border-radius: 6px; }
QLabel#thumbnail { background: #15181b; border-radius: 4px; color: #6b7682; }
QLabel#components, QLabel#transferLine { color: #9aa4ae; }
QPushButton#primary { font-weight: bold; }
QPlainTextEdit#log, QPlainTextEdit#detail { font-family: monospace; }
"""

DARK = {
    "Window": "#2b2f33",
    "WindowText": "#e3e6e8",
    "Base": "#1f2326",
    "AlternateBase": "#262a2e",
    "Text": "#e3e6e8",
    "Button": "#353a3f",
    "ButtonText": "#e3e6e8",
    "Highlight": "#3a7bd5",
    "HighlightedText": "#ffffff",
    "ToolTipBase": "#1f2326",
    "ToolTipText": "#e3e6e8",
    "PlaceholderText": "#7d868f",
}


def desktop_look(app: QtWidgets.QApplication) -> None:
    """Fusion with a dark palette, close to what artists see in their DCCs."""
    app.setStyle("Fusion")
    palette = QtGui.QPalette()
    for role, colour in DARK.items():
        palette.setColor(getattr(QtGui.QPalette.ColorRole, role), QtGui.QColor(colour))
    disabled = QtGui.QPalette.ColorGroup.Disabled
    for role in ("WindowText", "Text", "ButtonText"):
        palette.setColor(disabled, getattr(QtGui.QPalette.ColorRole, role), QtGui.QColor("#6b7682"))
    app.setPalette(palette)
