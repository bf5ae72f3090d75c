"""Each named rule removes its own examples and leaves the counter-examples, words of speech."""

import pytest

from diparchive.clean.rules import CONTEXT_RULES, LINE_RULES, RULES, first_line_rule, is_sentence

LINE_EXAMPLES = [(rule.name, example) for rule in LINE_RULES for example in rule.examples]
COUNTER_EXAMPLES = [(rule.name, example) for rule in LINE_RULES for example in rule.counter_examples]


@pytest.mark.parametrize("name, example", LINE_EXAMPLES)
def test_a_line_rule_recognises_its_examples(name, example):
    assert RULES[name].matches(example)


@pytest.mark.parametrize("name, example", COUNTER_EXAMPLES)
def test_no_line_rule_touches_a_counter_example(name, example):
    assert first_line_rule(example) is None, f"{first_line_rule(example).name} would remove {example!r}"


def test_every_rule_is_documented_with_a_reason_and_an_example():
    for rule in RULES.values():
        assert rule.why.endswith("."), rule.name
        assert rule.examples or rule.name == "curated-removal", rule.name
    assert len(RULES) == len(LINE_RULES) + len(CONTEXT_RULES), "rule names must be unique"


@pytest.mark.parametrize(
    "line",
    [
        "Question: What can you say about Russian relations with NATO at this stage?",
        "Eyes On The SCO",
        "***",
        "Thank you.",
        "Please sit down. thank you.",
        "We will respond to the sanctions.",
        "The Minsk agreements must be fulfilled by Kiev, Donetsk and Lugansk.",
    ],
)
def test_speech_is_not_furniture(line):
    assert first_line_rule(line) is None


@pytest.mark.parametrize(
    "text, expected",
    [("Thank you.", True), ("Yes.", False), ("Eyes On The SCO", False), ("What next?”", True), ("France", False)],
)
def test_what_counts_as_a_sentence(text, expected):
    assert is_sentence(text) is expected
