"""While a search is typed: status tab titles with its matches, and where they are when this tab has none."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from omsdesk.queries.orders import MatchCounts
from omsdesk.ui.display import qty
from omsdesk.ui.order_queue_model import status_text


def tab_title(name: str, count: int | None, *, more: bool = False) -> str:
    """'Packed (3)'; just the name when nothing was counted; '(50,000+)' when counting stopped."""
    if count is None:
        return name
    return f"{name} ({qty(count)}{'+' if more else ''})"


class SearchHint(QLabel):
    """Says in which statuses a search's matches are when the shown tab has none of them.

    Each status named is a link: following it shows that tab.
    """

    status_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.setStyleSheet("QLabel { background: #fff6d6; border: 1px solid #e8d48a; padding: 4px 6px; }")
        self.linkActivated.connect(self.status_chosen.emit)
        self.hide()

    def show_counts(self, counts: MatchCounts | None, status: str | None, text: str) -> None:
        """Show where the matches of `text` are when tab `status` (None: every status) has none."""
        if counts is None or not counts.complete or (counts.by_status.get(status, 0) if status else counts.total):
            self.hide()
            return
        quoted = escape(text)
        if counts.total == 0:
            self.setText(self.tr("No order in any status matches “{text}”.").format(text=quoted))
        else:
            where = ", ".join(self._link(s, n) for s, n in sorted(counts.by_status.items(), key=lambda kv: -kv[1]))
            self.setText(self.tr("No order in {tab} matches “{text}”. Found: {where}.").format(
                tab=escape(status_text(status or "")), text=quoted, where=where))
        self.show()

    def _link(self, status: str, n: int) -> str:
        label = self.tr("{n} in {status}").format(n=f"{n:,}", status=status_text(status))
        return f'<a href="{status}">{escape(label)}</a>'
