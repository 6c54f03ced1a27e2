from tests.extraction.stages import credited_quotes


def test_attribution_after_the_quote_in_both_orders():
    text = (
        'Chilean President Pablo Ortega spoke at noon. "We will not resign," said Ortega. '
        '"The vote was fair," Ortega said.'
    )
    assert credited_quotes(text) == [
        ("Pablo Ortega", "We will not resign,", "direct", "said", ""),
        ("Pablo Ortega", "The vote was fair,", "direct", "said", ""),
    ]


def test_a_pronoun_in_the_attribution_is_the_subject_of_the_sentence_before():
    text = 'Activist Daniel Ruiz was freed on Monday. "I am not afraid," he said, smiling.'
    assert credited_quotes(text) == [("Daniel Ruiz", "I am not afraid,", "direct", "said", "")]


def test_split_quotes_and_a_quote_running_over_sentences_keep_their_speaker():
    text = (
        'Activist Daniel Ruiz was freed. "We will march," Ruiz said, "and we will win." '
        '"Nobody can stop us. Not the police, not the army."'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Daniel Ruiz", "We will march,"),
        ("Daniel Ruiz", "and we will win."),
        ("Daniel Ruiz", "Nobody can stop us. Not the police, not the army."),
    ]


def test_a_quote_running_over_paragraphs_continues_where_the_mark_was_left_open():
    text = (
        'Interior Minister Carlos Mendez Ruiz said: "The police acted within the law.\n\n'
        '"Every arrest will be reviewed by a judge."\n'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Carlos Mendez Ruiz", "The police acted within the law."),
        ("Carlos Mendez Ruiz", "Every arrest will be reviewed by a judge."),
    ]


def test_a_colon_introduces_a_quote_in_the_next_paragraph():
    text = (
        "Opposition leader Lena Vogt answered within minutes. Writing on Facebook, flanked by supporters, Vogt said:\n"
        '"This government has lost the country."\n'
    )
    assert credited_quotes(text) == [
        ("Lena Vogt", "This government has lost the country.", "direct", "said", "Facebook"),
    ]


def test_cue_verbs_beyond_said_and_the_channel_they_name():
    text = (
        'Chilean President Pablo Ortega tweeted that the protesters were "paid agitators." '
        'Sen. Tom Becker (D-Ore.) warned in a video: "This will end badly." '
        'According to Becker, the plan was "dead on arrival." '
        'The protests were a "warning to the elite," political analyst Mara Quinn told Reuters.'
    )
    assert credited_quotes(text) == [
        ("Pablo Ortega", "paid agitators.", "partial", "tweeted", "Twitter"),
        ("Tom Becker", "This will end badly.", "direct", "warned", "video"),
        ("Tom Becker", "dead on arrival.", "partial", "according to", ""),
        ("Mara Quinn", "warning to the elite,", "partial", "told", "Reuters"),
    ]


def test_a_partial_quote_inside_reported_speech_goes_to_the_reporting_subject():
    text = "Interior Minister Carlos Mendez Ruiz, meanwhile, blasted Daniel Ruiz's march as “an insult to the dead.”"
    assert credited_quotes(text) == [("Carlos Mendez Ruiz", "an insult to the dead.", "partial", "blasted", "")]


def test_curly_and_single_quotes_and_apostrophes():
    text = (
        "Opposition leader Lena Vogt called the decree ‘a disgrace’ and said Chile's courts would 'overturn it'. "
        "The soldiers' families were not consulted."
    )
    assert [(speaker, words, kind) for speaker, words, kind, *_ in credited_quotes(text)] == [
        ("Lena Vogt", "a disgrace", "partial"),
        ("Lena Vogt", "overturn it", "partial"),
    ]


def test_scare_quotes_labels_and_titles_are_not_statements():
    text = (
        'Chilean President Pablo Ortega met the so-called "reform caucus" on Monday. '
        'What critics see as a "coup" is far from over. '
        'Ortega said "The Long Road Home" would be his next book. '
        "The defense ministry, commonly known as 'the Bunker', stayed silent. "
        "Ortega, declaring himself 'the last democrat', left."
    )
    assert credited_quotes(text) == []


def test_a_quote_in_a_headline_is_not_a_statement():
    text = "'Victory Is Ours': Ortega Wins Vote In Landslide\nChilean President Pablo Ortega won the vote on Sunday.\n"
    assert credited_quotes(text) == []
    assert (
        credited_quotes("'We have won' says Ortega\nPresident Pablo Ortega won.", title="'We have won' says Ortega")
        == []
    )


def test_a_label_given_by_an_unnamed_agent_is_not_credited_to_the_sentence_subject():
    text = (
        "Chilean President Pablo Ortega, who is considered a 'dictator' by his critics, said that "
        'the army had promised him "complete loyalty."'
    )
    assert credited_quotes(text) == [("Pablo Ortega", "complete loyalty.", "partial", "said", "")]


def test_a_participle_clause_cuts_a_quote_off_from_an_earlier_verb_of_saying():
    text = (
        "Chilean President Pablo Ortega spoke on Monday. "
        "Observers believe Ortega called for calm because he is weak, detecting 'a note of panic'."
    )
    assert credited_quotes(text) == []


def test_a_spokesman_of_a_person_is_not_that_person():
    text = 'Pablo Ortega stayed at home. In response, Ortega\'s spokesman said that "the president is in good health."'
    assert credited_quotes(text) == []


def test_a_spokesperson_for_a_person_not_known_to_lead_a_country_is_dropped():
    text = 'Pablo Ortega stayed at home. A spokeswoman for Ortega said he was "resting after a long week."'
    assert credited_quotes(text) == []


def test_a_head_of_states_unnamed_spokesperson_speaks_for_the_government():
    text = (
        "Chilean President Pablo Ortega stayed at home. "
        'In response, Ortega\'s spokesman said that "the president is in good health." '
        'A spokeswoman for the president later said the visit was "postponed, not cancelled." '
        'Ortega\'s spokesperson is saying that "all ministers back the plan."'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Government of Chile", "the president is in good health."),
        ("Government of Chile", "postponed, not cancelled."),
        ("Government of Chile", "all ministers back the plan."),
    ]


def test_a_bodys_unnamed_spokesperson_speaks_for_the_body():
    text = (
        "The Health Ministry published new rules on Friday. "
        'The ministry\'s spokeswoman told reporters the rules were "final." '
        'A spokesperson for the Health Ministry said appeals were "pointless." '
        'A Health Ministry press spokesman called the critics "misinformed."'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Health Ministry", "final."),
        ("Health Ministry", "pointless."),
        ("Health Ministry", "misinformed."),
    ]


def test_a_government_spokesman_speaks_for_the_articles_only_government():
    text = 'The Peruvian government closed the border. A government spokesman said the closure was "temporary."'
    assert credited_quotes(text) == [("Government of Peru", "temporary.", "partial", "said", "")]


def test_a_government_spokesman_is_dropped_when_the_article_names_no_government_or_several():
    alone = 'Shops stayed shut. A government spokesman said the closure was "temporary."'
    several = (
        "The Peruvian government and the Chilean government met. "
        'A government spokesman said the closure was "temporary."'
    )
    assert credited_quotes(alone) == []
    assert credited_quotes(several) == []


def test_a_named_spokesperson_speaks_for_themself():
    text = (
        "The Health Ministry published new rules. "
        'Ministry spokesman Tomas Vidal said they were "overdue." '
        'A spokesperson for the ministry, Ana Diaz, said they were "fair."'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Tomas Vidal", "overdue."),
        ("Ana Diaz", "fair."),
    ]


def test_an_officials_comments_referring_back_make_them_the_speaker_for_a_spokesman():
    text = (
        "The Peruvian government closed the border.\n"
        'A government spokesman said the army was chasing "smugglers and nothing more."\n'
        "Interior Minister Ana Diaz's comments on Twitter came after a night of unrest.\n"
    )
    assert credited_quotes(text) == [("Ana Diaz", "smugglers and nothing more.", "partial", "said", "")]


def test_a_government_can_speak():
    text = (
        "Chilean President Pablo Ortega stayed at home. "
        'The Chilean government called the marchers "a handful of vandals" and promised an "immediate inquiry."'
    )
    assert credited_quotes(text) == [
        ("Government of Chile", "a handful of vandals", "partial", "called", ""),
        ("Government of Chile", "immediate inquiry.", "partial", "called", ""),
    ]


def test_two_speakers_sharing_a_surname_are_credited_apart():
    text = (
        "Interior Minister Carlos Mendez Ruiz defended the police. Activist Daniel Ruiz disagreed. "
        '"The arrests were lawful," Mendez said. "They were not," Ruiz said.'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Carlos Mendez Ruiz", "The arrests were lawful,"),
        ("Daniel Ruiz", "They were not,"),
    ]


def test_bodies_and_governments_that_speak_are_credited():
    text = (
        'The U.S. government said it was "deeply concerned." '
        'The Defense Ministry said in a statement that the strikes were "precise and limited." '
        'Human Rights Watch called the raids "a clear violation of international law." '
        'NATO said the alliance was "ready to respond."'
    )
    assert [(speaker, channel) for speaker, _words, _kind, _cue, channel in credited_quotes(text)] == [
        ("Government of United States", ""),
        ("Defense Ministry", "statement"),
        ("Human Rights Watch", ""),
        ("NATO", ""),
    ]


def test_a_name_the_article_gives_only_once_and_alone_is_credited_when_it_speaks():
    text = '"We will not back down," Smith said. "This is our home," said Jones.'
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Smith", "We will not back down,"),
        ("Jones", "This is our home,"),
    ]


def test_british_single_quotes_run_over_sentences_and_the_outlet_told_is_the_channel():
    text = "‘We will win. We always do,’ the activist Mary O'Brien told the BBC."
    assert credited_quotes(text) == [("Mary O'Brien", "We will win. We always do,", "direct", "told", "BBC")]


def test_a_name_standing_as_the_appositive_is_the_speaker():
    text = (
        "The U.S. State Department was monitoring the situation. "
        'A spokesperson for the department, Ned Price, told reporters: "We call on all sides to stay calm."'
    )
    assert credited_quotes(text) == [
        ("Ned Price", "We call on all sides to stay calm.", "direct", "told", ""),
    ]


def test_a_name_after_the_verb_is_the_speaker_only_after_a_quote():
    text = (
        "The opposition leader, Christopher Luxon, thanked Jacinda Ardern. "
        'In a statement, the National party leader said Ardern had "given a lot" to the country.'
    )
    assert credited_quotes(text) == [("Christopher Luxon", "given a lot", "partial", "said", "statement")]


def test_a_persons_comments_referring_back_make_them_the_speaker_for_a_body():
    text = (
        'Chile\'s government said it was putting down a revolt by "traitors" in the army.\n'
        "Interior Minister Carlos Mendez Ruiz's comments on Twitter came after a night of unrest.\n"
        'The Chilean government later called the protests "a provocation."\n'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Carlos Mendez Ruiz", "traitors"),
        ("Government of Chile", "a provocation."),
    ]


def test_institutions_named_with_of_or_by_metonymy_speak_as_one_body():
    text = (
        'The Bank of England said inflation was "too high." The Kremlin said the talks were "useful." '
        'General Motors said sales were "strong." The Ministry of Foreign Affairs called it "a provocation."'
    )
    assert [speaker for speaker, *_ in credited_quotes(text)] == [
        "Bank of England",
        "Kremlin",
        "General Motors",
        "Ministry of Foreign Affairs",
    ]


def test_the_ministry_or_the_government_alone_is_the_body_last_named():
    text = (
        'The Defense Ministry warned of "consequences." Later, the ministry said it would "respond firmly." '
        'Peru\'s government met on Monday. The government said the vote was "final."'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Defense Ministry", "consequences."),
        ("Defense Ministry", "respond firmly."),
        ("Government of Peru", "final."),
    ]


def test_she_does_not_mean_a_man_the_article_calls_mr():
    text = (
        "Prime Minister Jacinda Ardern met opposition leader Christopher Luxon on Monday. "
        'Luxon said the meeting was short. "We agreed on nothing," she said.\n'
        'Mr. Luxon left early. "I have work to do," he said.'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Jacinda Ardern", "We agreed on nothing,"),
        ("Christopher Luxon", "I have work to do,"),
    ]


def test_a_body_before_a_title_is_part_of_the_title_not_the_speaker():
    text = (
        'Foreign Ministry spokeswoman Maria Zakharova slammed the decision as "absurd," writing on Telegram '
        'that Moscow would respond "in kind."'
    )
    assert credited_quotes(text) == [
        ("Maria Zakharova", "absurd,", "partial", "slammed", "Telegram"),
        ("Maria Zakharova", "in kind.", "partial", "writing", "Telegram"),
    ]


def test_a_phrase_run_into_a_name_is_a_title_unless_the_name_speaks():
    text = "Self-declared 'interim president' Juan Guaido has called for calm. \"We will win\" John Smith said."
    assert credited_quotes(text) == [("John Smith", "We will win", "direct", "said", "")]


def test_a_capital_that_speaks_is_its_government_and_a_verb_after_a_modal_is_no_attribution():
    text = (
        'Moscow said the sanctions were "illegal." Washington has warned of "serious consequences." '
        "Protesters in Moscow and Washington marched. "
        'Activist Daniel Ruiz wrote that the army would respond "in kind."'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Government of Russia", "illegal."),
        ("Government of United States", "serious consequences."),
        ("Daniel Ruiz", "in kind."),
    ]


def test_an_attribution_opening_the_sentence_after_a_question_or_exclamation():
    text = (
        'Protesters marched past activist Daniel Ruiz. "Why now?" Ruiz asked. "Never!" shouted Lena Vogt. '
        '"It is over." Then the crowd left.'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [
        ("Daniel Ruiz", "Why now?"),
        ("Lena Vogt", "Never!"),
        ("Lena Vogt", "It is over."),
    ]


def test_groups_are_no_speakers_and_lend_their_quotes_to_nobody():
    text = (
        'Critics called the plan "a disaster." Officials said it was "on track." '
        'Jones said it was "fine." Analysts warned of "turbulence."'
    )
    assert [(speaker, words) for speaker, words, *_ in credited_quotes(text)] == [("Jones", "fine.")]
