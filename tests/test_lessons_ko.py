"""Lessons in Korean and English: every shipped lesson reads in both, a lecturer's own lesson
may give either, and a missing text falls back to the other language."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from engine import ConfigError
from engine.compare import Comparison
from engine.presets import lesson_names, load_lesson, make_race

ROOT = Path(__file__).resolve().parent.parent
HANGUL = re.compile(r"[\uac00-\ud7a3]")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*%?")  # "0.01", "1,797", "95%"; not ² or subscripts
# Names the course keeps in Latin letters; a label with any other Latin word is a phrase
# that a Korean class needs translated.
KEPT_NAMES = {"SGD", "AdaGrad", "RMSProp", "Adam", "Xavier", "He", "ReLU", "Leaky", "ELU"}
KEPT_NAMES |= {"tanh", "L"}  # "L2 λ = 0.1"
# Spellings the course does not use, beside the one it does.
NOT_THE_COURSE_TERM = {
    "오버피팅": "과적합",
    "그래디언트": "기울기",
    "그라디언트": "기울기",
    "바이어스": "편향",
    "초기값": "초깃값",
    "에포크": "에폭",
    "러닝 레이트": "학습률",
    "활성 함수": "활성화 함수",
    "기울기 소멸": "기울기 소실",
    "배치 노멀": "배치 정규화",
    "크로스 엔트로피": "교차 엔트로피",
    "소프트 맥스": "소프트맥스",
    "검증 세트": "검증 데이터",
    "훈련 세트": "훈련 데이터",
}


def lessons():
    return [load_lesson(name) for name in lesson_names()]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


def labels_of(lesson) -> list[tuple[str, str]]:
    """(label, its Korean label) for every variant and race runner of the lesson."""
    pairs = [(v.label, lesson.variant_label_in(v.label, "ko")) for v in lesson.variants]
    if lesson.race is not None:
        pairs += [(lb, lesson.runner_label_in(lb, "ko")) for lb in lesson.race.runners]
    return pairs


def is_phrase(label: str) -> bool:
    return any(word not in KEPT_NAMES for word in re.findall(r"[A-Za-z]+", label))


@pytest.mark.parametrize("name", lesson_names())
def test_every_shipped_lesson_has_its_own_korean_title_and_explanation(name):
    lesson = load_lesson(name)
    assert "ko" in lesson.titles and "ko" in lesson.explanations  # not a fallback
    title, explanation = lesson.title_in("ko"), lesson.explanation_in("ko")
    assert HANGUL.search(title) and title != lesson.title
    assert len(HANGUL.findall(explanation)) > 50
    assert lesson.title_in("en") == lesson.title and not HANGUL.search(lesson.title)
    assert lesson.explanation_in("en") == lesson.explanation


@pytest.mark.parametrize("name", lesson_names())
def test_korean_text_quotes_the_same_numbers_as_the_english(name):
    lesson = load_lesson(name)
    for english, korean in (
        (lesson.title, lesson.title_in("ko")),
        (lesson.explanation, lesson.explanation_in("ko")),
        *labels_of(lesson),
    ):
        assert sorted(set(NUMBER.findall(korean))) == sorted(set(NUMBER.findall(english))), (
            english,
            korean,
        )


def test_number_check_catches_a_changed_number():
    assert set(NUMBER.findall("std 0.01, 1,797 digits, 95%")) == {"0.01", "1,797", "95%"}
    assert set(NUMBER.findall("표준편차 0.1")) != set(NUMBER.findall("std 0.01"))
    assert NUMBER.findall("x²/20 + y², δₗ₊₁") == ["20"]


def test_every_phrase_label_has_a_korean_label_and_names_stay_as_they_are():
    checked = 0
    for lesson in lessons():
        for label, korean in labels_of(lesson):
            if is_phrase(label):
                assert HANGUL.search(korean), (lesson.name, label)
                checked += 1
            else:
                assert korean == label, (lesson.name, label)
    assert checked >= 15
    race = load_lesson("optimizer-race")
    assert [race.runner_label_in(lb, "ko") for lb in race.race.runners] == [
        "SGD",
        "모멘텀",
        "AdaGrad",
        "Adam",
    ]
    xor = load_lesson("xor")
    assert xor.variant_label_in("no hidden layer", "ko") == "은닉층 없음"
    assert xor.variant_label_in("no hidden layer", "en") == "no hidden layer"


def test_korean_texts_use_the_course_terms():
    for lesson in lessons():
        texts = [lesson.title_in("ko"), lesson.explanation_in("ko")]
        texts += [korean for _, korean in labels_of(lesson)]
        for text in texts:
            for wrong, right in NOT_THE_COURSE_TERM.items():
                assert wrong not in text, f"{lesson.name}: {wrong!r}, the course says {right!r}"
    assert "기울기 소실" in load_lesson("vanishing-gradient").title_in("ko")
    assert "과적합" in load_lesson("overfitting").title_in("ko")
    assert "초깃값" in load_lesson("weight-init-relu").title_in("ko")


def test_translated_labels_leave_the_experiments_unchanged():
    lesson = load_lesson("optimizers-digits")
    assert [v.label for v in lesson.variants] == ["SGD", "Momentum", "AdaGrad", "Adam"]
    assert lesson.variants[1].changes == {"optimizer.name": "momentum", "optimizer.lr": 0.01}
    race = load_lesson("optimizer-race").race
    assert race.runners["Momentum"] == ("momentum", {"lr": 0.1})
    make_race(race).step(2)


def test_an_english_only_lesson_reads_in_english_when_korean_is_asked(tmp_path):
    lesson = load_lesson(
        write(
            tmp_path,
            '[lesson]\ntitle = "Mine"\nexplanation = "Look here."\n'
            '[[variants]]\nlabel = "small"\nmodel = { init_std = 0.01 }\n',
        )
    )
    assert lesson.languages == ("en",)
    assert lesson.title_in("ko") == "Mine" and lesson.explanation_in("ko") == "Look here."
    assert lesson.variant_label_in("small", "ko") == "small"
    assert lesson.variant_label_in("made in the app", "ko") == "made in the app"


def test_a_korean_only_lesson_reads_in_korean_everywhere(tmp_path):
    path = write(
        tmp_path,
        '[lesson.ko]\ntitle = "나의 수업"\nexplanation = """\n여기를 보세요.\n"""\n'
        '[[variants]]\nlabel_ko = "작은 초깃값"\nmodel = { init_std = 0.01 }\n'
        '[race]\nrunners = [{ label_ko = "모멘텀", optimizer = "momentum", lr = 0.1 }]\n',
    )
    lesson = load_lesson(path)
    assert lesson.languages == ("ko",)
    for lang in ("ko", "en", "fr"):
        assert lesson.title_in(lang) == "나의 수업"
        assert lesson.explanation_in(lang) == "여기를 보세요."
    assert lesson.title == "나의 수업" and lesson.explanation == "여기를 보세요."
    [variant] = lesson.variants
    assert variant.label == "작은 초깃값" and variant.config.model.init_std == 0.01
    assert lesson.variant_label_in(variant.label, "en") == "작은 초깃값"
    assert list(lesson.race.runners) == ["모멘텀"]
    assert lesson.runner_label_in("모멘텀", "en") == "모멘텀"
    Comparison(lesson.variants)


def test_both_languages_each_text_falls_back_on_its_own(tmp_path):
    lesson = load_lesson(
        write(
            tmp_path,
            '[lesson]\ntitle = "Mine"\nexplanation = "Look here."\n'
            '[lesson.ko]\ntitle = "나의 수업"\n',
        )
    )
    assert lesson.title_in("ko") == "나의 수업" and lesson.title == "Mine"
    assert lesson.explanation_in("ko") == "Look here."  # no Korean explanation given
    assert lesson.title_in("ko_KR") == lesson.title_in("ko-KR") == "나의 수업"
    assert lesson.title_in("de") == "Mine"
    assert lesson.languages == ("en", "ko")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('[lesson]\nko = "제목"\n', "lesson.ko"),
        ("[lesson.ko]\ntitle = 5\n", "lesson.ko.title"),
        ('[lesson.ko]\nexplanation = ["a"]\n', "lesson.ko.explanation"),
        ('[lesson.ko]\ntitel = "제목"\n', "lesson.ko.titel"),
        ("[lesson]\ntitle = 5\n", "lesson.title"),
        ('[lesson.en]\ntitle = "Mine"\n', "lesson.en"),
        ('[lesson]\ncolour = "red"\n', "lesson.colour"),
        ("[[variants]]\nlabel_ko = 3\nseed = 1\n", "variants[0].label_ko"),
        (
            '[race]\nrunners = [{ optimizer = "sgd", label_ko = true }]\n',
            "race.runners[0].label_ko",
        ),
    ],
)
def test_malformed_language_texts_are_rejected_naming_the_field(tmp_path, text, field):
    with pytest.raises(ConfigError) as caught:
        load_lesson(write(tmp_path, text))
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def run_cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env={**os.environ, **env},
        cwd=ROOT,
        timeout=120,
    )


def test_presets_lists_korean_titles_with_lang_ko():
    korean = run_cli("presets", "--lang", "ko", PYTHONIOENCODING="utf-8")
    english = run_cli("presets", PYTHONIOENCODING="utf-8")
    assert korean.returncode == 0 and english.returncode == 0, korean.stderr + english.stderr
    rows = dict(line.split(None, 1) for line in korean.stdout.splitlines())
    assert set(rows) == set(lesson_names())
    assert rows["xor"] == load_lesson("xor").title_in("ko") and HANGUL.search(rows["xor"])
    assert "XOR needs a hidden layer" in english.stdout and not HANGUL.search(english.stdout)


def test_presets_in_korean_on_a_console_without_hangul_prints_no_traceback():
    result = run_cli("presets", "--lang", "ko", PYTHONIOENCODING="latin-1")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == len(lesson_names())
