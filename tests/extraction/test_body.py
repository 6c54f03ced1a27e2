from timeline.extraction.body import article_regions


def kept(text):
    return [text[s.start : s.end] for s in article_regions(text)]


def test_navigation_teasers_and_credits_are_left_out():
    text = (
        "Skip to content Skip to footer\n\n"
        "The mayor of Springfield resigned on Monday after a week of protests.\n\n"
        "© Jane Roe / Reuters\n"
        "Protesters outside city hall. (Photo: John Doe/Getty)\n"
        "File photo of the city hall in Springfield, via AFP\n\n"
        "Her deputy will serve until an election is called.\n\n"
        "READ ALSO  Flooding closes the coastal road\n"
    )
    assert kept(text) == [
        "The mayor of Springfield resigned on Monday after a week of protests.",
        "Her deputy will serve until an election is called.",
    ]


def test_datelines_share_widgets_comment_prompts_and_bylines_are_left_out():
    text = (
        " date 2021-03-02 Published on\n"
        "Via Newswire\n"
        "Share this article\n"
        "Twitter | Facebook | Email\n"
        "The council voted to close the bridge.\n"
        "Comments:\n"
        "Leave a comment below\n"
    )
    assert kept(text) == ["The council voted to close the bridge."]


def test_a_trailing_donation_appeal_is_left_out_with_the_paragraphs_addressing_the_reader():
    text = (
        "The strike ended on Friday.\n\n"
        "Online, the union posted the agreement:\n\n"
        "We need to tell you where our newsroom stands this month.\n\n"
        "Costs keep rising, and you are the reason we are still here.\n\n"
        "Please consider making a donation before midnight.\n"
    )
    assert kept(text) == ["The strike ended on Friday.", "Online, the union posted the agreement:"]


def test_a_subscription_prompt_in_the_middle_is_left_out_but_the_story_around_it_stays():
    text = (
        "The minister resigned.\n"
        "Subscribe to our newsletter for daily updates.\n"
        "Her successor is expected to be named next week.\n"
    )
    assert kept(text) == ["The minister resigned.", "Her successor is expected to be named next week."]


def test_a_recap_paragraph_repeating_earlier_text_is_left_out():
    first = "The senator said the bill would fail because the votes were not there and the leaders knew it."
    second = "Analysts expect a new draft to be introduced before the summer recess begins in July this year."
    text = f"{first}\n{second}\nRecap: {first} {second}\n"
    assert kept(text) == [first, second]


def test_a_story_paragraph_with_we_in_a_quote_is_kept():
    text = '"We will not back down," the mayor said.\nThe vote is on Tuesday.\n'
    assert kept(text) == ['"We will not back down," the mayor said.', "The vote is on Tuesday."]


def test_regions_are_offsets_into_the_unchanged_text():
    text = "  Skip to content\n\n   The bridge reopened.   \n"
    (region,) = article_regions(text)
    assert text[region.start : region.end] == "The bridge reopened."


def test_a_bare_timestamp_line_and_newsletter_prompts_are_left_out():
    text = (
        "Thu 19 Jan 2023 02.39 GMT\n"
        "The prime minister resigned on Thursday.\n"
        "Sign up to First Edition, our free daily newsletter\n"
        "Explore more on these topics\n"
    )
    assert kept(text) == ["The prime minister resigned on Thursday."]


def test_bylines_are_left_out_but_a_short_sentence_opening_with_by_is_kept():
    text = "By Jane Doe, Associated Press\nVia Zerohedge\nBy then it was over.\nThe army left.\n"
    assert kept(text) == ["By then it was over.", "The army left."]


def test_news_about_subscribers_or_donations_is_not_an_appeal():
    text = (
        '"We are growing again," the company said.\n'
        "Netflix lost 200,000 subscribers in the quarter, and donations to the charity fell.\n"
        "Subscribe now for full access\n"
    )
    assert kept(text) == [
        '"We are growing again," the company said.',
        "Netflix lost 200,000 subscribers in the quarter, and donations to the charity fell.",
    ]
