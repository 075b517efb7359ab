"""Writing clear prompts (``aicourse.prompts``): assembling a prompt, its checklist, and the
personal-information check."""

from __future__ import annotations

import dataclasses

import pytest

from aicourse.prompts import (
    CHECKLIST,
    EXAMPLE_PROMPTS,
    MIN_WORDS,
    PART_LABELS,
    PART_NAMES,
    PERSONAL_PATTERNS,
    UNSURE_LINE,
    CheckItem,
    PromptCheck,
    PromptParts,
    assemble_prompt,
    check_prompt,
    example_prompt,
    find_personal_information,
)

FULL = PromptParts(
    task="Draft a reply to a client.",
    context="The client asked when travel claims are paid.",
    audience="A client.",
    format="Two sentences.",
    limits="No jargon.",
    say_if_unsure=True,
)


# --------------------------------------------------------------------------------------
# The parts and the assembled prompt
# --------------------------------------------------------------------------------------


def test_prompt_parts_default_to_empty_and_refuse_wrong_kinds():
    empty = PromptParts()
    assert all(getattr(empty, name) == "" for name in PART_NAMES)
    assert empty.say_if_unsure is False
    with pytest.raises(TypeError, match="task"):
        PromptParts(task=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="say_if_unsure"):
        PromptParts(say_if_unsure="yes")  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        empty.task = "x"  # type: ignore[misc]


def test_assemble_prompt_labels_each_filled_part_in_order():
    prompt = assemble_prompt(FULL)
    lines = prompt.split("\n")
    assert lines == [
        "Task: Draft a reply to a client.",
        "Background: The client asked when travel claims are paid.",
        "Audience: A client.",
        "Format: Two sentences.",
        "Limits: No jargon.",
        UNSURE_LINE,
    ]
    assert [line.split(":")[0] for line in lines[:-1]] == [PART_LABELS[n] for n in PART_NAMES]


def test_assemble_prompt_leaves_out_empty_parts_and_tidies_spaces():
    parts = PromptParts(task="  Write   a\nletter ", limits="   ")
    assert assemble_prompt(parts) == "Task: Write a letter"
    assert assemble_prompt(PromptParts()) == ""
    with pytest.raises(TypeError):
        assemble_prompt({"task": "Write"})  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Personal information
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "found"),
    [
        ("Email kiri@example.com today", "an email address", "kiri@example.com"),
        ("Account 00-0000-0000000-00 please", "a bank account number", "00-0000-0000000-00"),
        ("IRD 123-456-789", "an IRD (tax) number", "123-456-789"),
        ("Ring 021 000 0000", "a phone number", "021 000 0000"),
        ("Ring +64 21 555 1234", "a phone number", "+64 21 555 1234"),
        ("Born 3/4/1985", "a date, such as a date of birth", "3/4/1985"),
        ("Born 12 March 1990", "a date, such as a date of birth", "12 March 1990"),
        ("Lives at 12 Kōwhai Street now", "a street address", "12 Kōwhai Street"),
        ("Lives at 5 Rimu Heights Road", "a street address", "5 Rimu Heights Road"),
        ("Spoke to Mr Tāwhiri", "a person's name with a title", "Mr Tāwhiri"),
        ("Client number 88123", "a client or case number", "Client number 88123"),
    ],
)
def test_find_personal_information_spots_each_documented_pattern(text, kind, found):
    assert find_personal_information(text) == [(kind, found)]


def test_find_personal_information_reports_in_text_order_without_double_counting():
    text = "Ms Aroha, 00-0000-0000000-00, a@b.nz"
    assert find_personal_information(text) == [
        ("a person's name with a title", "Ms Aroha"),
        ("a bank account number", "00-0000-0000000-00"),
        ("an email address", "a@b.nz"),
    ]
    # The bank account is not also read as a phone or IRD number.
    assert len(find_personal_information("00-0000-0000000-00")) == 1


def test_find_personal_information_leaves_ordinary_policy_text_alone():
    for text in (
        "Hardship grants are paid within 10 working days.",
        "The maximum is $1,500 a year; calls are answered within 4 minutes.",
        "The contact centre is open from 8am to 6pm, Monday to Friday.",
        "Appointments can be moved up to 24 hours before.",
    ):
        assert find_personal_information(text) == []
    with pytest.raises(TypeError):
        find_personal_information(None)  # type: ignore[arg-type]
    assert [k for k, _ in PERSONAL_PATTERNS][0] == "an email address"


# --------------------------------------------------------------------------------------
# The checklist
# --------------------------------------------------------------------------------------


def test_check_prompt_ticks_every_line_of_a_full_safe_prompt():
    check = check_prompt(FULL)
    assert isinstance(check, PromptCheck)
    assert check.prompt == assemble_prompt(FULL)
    assert [i.name for i in check.items] == list(CHECKLIST)
    assert check.score == check.total == 7 and check.ready and check.missing == ()
    assert all(isinstance(i, CheckItem) and i.done and i.advice == "" for i in check.items)


def test_check_prompt_marks_missing_and_too_vague_parts_by_word_count():
    parts = PromptParts(task="Write letter", context="", audience="Clients", format="Short")
    check = check_prompt(parts)
    status = {i.name: i.status for i in check.items}
    assert status == {
        "task": "too vague",  # 2 words, 3 needed
        "context": "missing",
        "audience": "done",  # 1 word is enough
        "format": "too vague",
        "limits": "missing",
        "say_if_unsure": "missing",
        "no_personal_information": "done",
    }
    assert check.score == 2 and not check.ready
    for item in check.items:
        assert (item.advice == "") == item.done
        if not item.done:
            assert item.advice == CHECKLIST[item.name][1]


def test_check_prompt_word_thresholds_are_exact():
    for name, need in MIN_WORDS.items():
        enough = PromptParts(**{name: " ".join(["word"] * need)})
        short = PromptParts(**{name: " ".join(["word"] * (need - 1))})
        assert next(i for i in check_prompt(enough).items if i.name == name).done
        assert not next(i for i in check_prompt(short).items if i.name == name).done


def test_check_prompt_flags_personal_information_and_names_its_kinds():
    parts = dataclasses.replace(FULL, context="Call Ms Rewi on 021 000 0000 about her grant.")
    check = check_prompt(parts)
    item = next(i for i in check.items if i.name == "no_personal_information")
    assert item.status == "found" and not item.done
    assert item.advice.startswith("Found a phone number and a person's name with a title.")
    assert check.personal_information == (
        ("a person's name with a title", "Ms Rewi"),
        ("a phone number", "021 000 0000"),
    )
    assert check.missing == ("no_personal_information",) and check.score == 6
    with pytest.raises(TypeError):
        check_prompt("Write a letter")  # type: ignore[arg-type]


def test_examples_show_vague_clear_and_risky_prompts():
    vague = check_prompt(example_prompt("A vague request"))
    clear = check_prompt(example_prompt("A clear request"))
    risky = check_prompt(example_prompt("A risky request"))
    assert vague.score == 2 and set(vague.missing) == {
        "context",
        "audience",
        "format",
        "limits",
        "say_if_unsure",
    }
    assert clear.ready
    assert risky.missing == ("no_personal_information",)
    kinds = {k for k, _ in risky.personal_information}
    assert {"an email address", "a phone number", "a bank account number"} <= kinds
    assert list(EXAMPLE_PROMPTS) == ["A vague request", "A clear request", "A risky request"]


def test_example_prompt_rejects_unknown_names():
    with pytest.raises(ValueError, match="A clear request"):
        example_prompt("A great request")
    with pytest.raises(TypeError):
        example_prompt(1)  # type: ignore[arg-type]
