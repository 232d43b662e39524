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


def test_times_are_shown_in_amsterdam_time_and_the_readers_format():
    from netanalysis.i18n import format_date, format_datetime, format_megabytes, plotly_separators

    # Winter: UTC+1; summer: UTC+2; the "saved 01:16, shown 00:16".
    assert format_datetime("2026-12-01T00:16:00+00:00", "nl") == "01-12-2026 01:16"
    assert format_datetime("2026-06-01T00:16:00Z", "nl") == "01-06-2026 02:16"
    assert format_datetime("2026-12-01T00:16:00", "en") == "01 Dec 2026 01:16"
    assert format_date("2026-12-31T23:30:00+00:00", "nl") == "01-01-2027"
    assert format_megabytes(9_200_000, "nl") == "9,2 MB"
    assert plotly_separators("nl") == ",." and plotly_separators("en") == ".,"
