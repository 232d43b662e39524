"""Number words and step counts of netanalysis.i18n."""

from __future__ import annotations

from netanalysis.i18n import number_word, steps_text


def test_number_words():
    # "één", the numeral, as gaps and suggest wrote it ("één stap"); the
    # brokers copy had "een", which no broker description ever printed
    # (its counts there are two or more).
    assert [number_word(i) for i in range(1, 11)] == [
        "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    ]
    assert number_word(10, "en") == "ten"
    assert number_word(11) == "11"


def test_steps_text():
    assert steps_text(3) == "drie stappen"
    assert steps_text(1, "en") == "one step"
    assert steps_text(12, "en") == "12 steps"
