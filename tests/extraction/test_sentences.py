from timeline.extraction.sentences import paragraphs, split_sentences
from timeline.extraction.types import Span


def sentences(text):
    return [text[s.start : s.end] for s in split_sentences(text, [Span(0, len(text))])]


def test_titles_before_names_do_not_end_sentences():
    text = "Sen. Ann Cole spoke first. Gen. Bo Park and Dr. Lee Tan followed. Mr. Ortiz left early."
    assert sentences(text) == [
        "Sen. Ann Cole spoke first.",
        "Gen. Bo Park and Dr. Lee Tan followed.",
        "Mr. Ortiz left early.",
    ]


def test_dotted_acronyms_and_party_labels_do_not_end_sentences():
    text = "The U.S. Senate voted. Sen. Ann Cole (R-Fla.) objected. Aid reached the U.S. The vote was close."
    assert sentences(text) == [
        "The U.S. Senate voted.",
        "Sen. Ann Cole (R-Fla.) objected.",
        "Aid reached the U.S.",
        "The vote was close.",
    ]


def test_initials_do_not_end_sentences():
    assert sentences("The report by J. R. Hartley was cited. It sold well.") == [
        "The report by J. R. Hartley was cited.",
        "It sold well.",
    ]


def test_a_sentence_ending_inside_a_quote_keeps_its_closing_mark():
    text = 'He called it "a coup." The army denied it. She said: “We are ready.” Then she left.'
    assert sentences(text) == [
        'He called it "a coup."',
        "The army denied it.",
        "She said: “We are ready.”",
        "Then she left.",
    ]


def test_a_comma_inside_a_quote_before_the_attribution_does_not_split():
    text = '"The moment is now," he said. "Go out," she said.'
    assert sentences(text) == ['"The moment is now," he said.', '"Go out," she said.']


def test_question_marks_inside_quotes_followed_by_attribution_do_not_split():
    assert sentences('"Why now?" asked the mayor. Nobody answered.') == [
        '"Why now?" asked the mayor.',
        "Nobody answered.",
    ]


def test_ellipsis_inside_a_sentence_does_not_split():
    assert sentences("They positioned themselves… to promote a coup. Later they left.") == [
        "They positioned themselves… to promote a coup.",
        "Later they left.",
    ]


def test_sentences_do_not_cross_paragraphs_and_stay_inside_regions():
    text = "Skip this. Title without stop\nFirst line. Second line\n\nThird."
    regions = [Span(11, len(text))]
    assert [text[s.start : s.end] for s in paragraphs(text, regions)] == [
        "Title without stop",
        "First line. Second line",
        "Third.",
    ]
    assert [text[s.start : s.end] for s in split_sentences(text, regions)] == [
        "Title without stop",
        "First line.",
        "Second line",
        "Third.",
    ]
