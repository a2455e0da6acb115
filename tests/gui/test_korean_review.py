"""The Korean interface reads as one course: one word per term, and dialog text that fits.

A student who meets "갱신" in the toolbar and "업데이트" in the worked example, or a dialog whose
first sentence runs off its right edge, notices; these tests notice first.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel

from gui import i18n
from gui.compare_dialog import CompareDialog
from gui.export_dialog import ExportDialog
from gui.panels import PANELS
from gui.timeline_bar import BranchDialog

# The spelling the catalogue settled on, after each one it must not use for the same term.
OTHER_SPELLINGS = {
    "업데이트": "갱신 (update)",
    "네트워크": "신경망 (network)",
    "수업": "실습 (lesson)",
    "강의 자료": "유인물 (handout)",
    "풀이 예제": "손 계산 예제 (worked example)",
    "로그 척도": "로그 스케일 (log scale), as the lessons write it",
    "오버피팅": "과적합",
    "그래디언트": "기울기",
    "바이어스": "편향",
    "초기값": "초깃값",
    "에포크": "에폭",
    "러닝 레이트": "학습률",
    "활성 함수": "활성화 함수",
    "크로스 엔트로피": "교차 엔트로피",
    "검증 세트": "검증 데이터",
    "훈련 세트": "훈련 데이터",
}
WORKED_EXAMPLE_WITHOUT_HAND = re.compile(r"(?<!손 )계산 예제")
LAYER_NUMBER_AFTER = re.compile(r"(?<!은닉)층 \{l\}")  # "층 {l}" beside "{l}층" elsewhere


@pytest.fixture
def korean(qapp):
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def test_catalogue_uses_one_korean_word_per_term():
    table = i18n.read_catalog(i18n.ts_path("ko"), "ko")
    found = []
    for (context, source), text in table.by_context.items():
        for other, settled in OTHER_SPELLINGS.items():
            if other in text:
                found.append(f"{context}/{source!r}: {other} -> {settled}")
        if WORKED_EXAMPLE_WITHOUT_HAND.search(text):
            found.append(f"{context}/{source!r}: 계산 예제 -> 손 계산 예제")
        if LAYER_NUMBER_AFTER.search(text):
            found.append(f"{context}/{source!r}: 층 {{l}} -> {{l}}층")
    assert not found, "\n".join(found)


def test_the_checked_spellings_are_the_ones_the_catalogue_uses():
    """The settled words really are in the catalogue, so the test above guards live terms."""
    texts = " ".join(i18n.read_catalog(i18n.ts_path("ko"), "ko").by_context.values())
    for word in ("갱신", "신경망", "실습", "유인물", "손 계산 예제", "로그 스케일", "{l}층"):
        assert word in texts, word


def cut_labels(dialog) -> list[str]:
    """Visible labels whose text does not all show: a one-line label narrower than its text,
    or a wrapped label lower than its lines."""
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible()
        and label.text()
        and (
            label.height() < label.heightForWidth(label.width())
            if label.wordWrap()
            else label.width() < label.sizeHint().width()
        )
    ]


def show(qtbot, dialog):
    """Show ``dialog`` in the large print a lecture hall needs (Qt keeps a new window within
    2/3 of the screen, so longer Korean lines must wrap rather than run off the edge)."""
    font = QFont(dialog.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    dialog.setFont(font)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_korean_compare_dialog_shows_its_whole_explanation(qtbot, korean, xor_config):
    dialog = show(qtbot, CompareDialog(xor_config))
    assert not cut_labels(dialog)
    intro = next(lb for lb in dialog.findChildren(QLabel) if "나머지" in lb.text())
    assert intro.geometry().right() <= dialog.width()


def test_korean_branch_and_export_dialogs_show_their_labels_whole(qtbot, korean, xor_config):
    branch = show(qtbot, BranchDialog("adam", 0.01, 50))
    assert not cut_labels(branch)
    export = show(
        qtbot,
        ExportDialog(lambda: None, lambda: xor_config, [p.key for p in PANELS], current="curves"),
    )
    assert not cut_labels(export)
    assert export.windowTitle() == "그림 내보내기"
