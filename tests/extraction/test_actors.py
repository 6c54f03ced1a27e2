from tests.extraction.stages import analyse


def names(text, **kwargs):
    return [actor.name for actor in analyse(text, **kwargs).actors]


def actor(analysis, name):
    (found,) = [a for a in analysis.actors if a.name == name]
    return found


def referent(text, analysis, surface, occurrence=0):
    """The actor named by the ``occurrence``-th mention whose text is ``surface``."""
    hits = [m for m in analysis.mentions if text[m.start : m.end] == surface]
    return analysis.actors[hits[occurrence].actor].name


def test_titles_before_a_name_are_recorded_as_roles():
    text = (
        "Defense Minister Ana Rivera said the army was ready. Sen. Tom Becker (D-Ore.) voted against the bill. "
        "The plan was backed by political analyst Mara Quinn and by Chilean President Pablo Ortega."
    )
    analysis = analyse(text)
    assert [a.name for a in analysis.actors] == ["Ana Rivera", "Tom Becker", "Mara Quinn", "Pablo Ortega"]
    assert [r.title for r in actor(analysis, "Ana Rivera").roles] == ["Defense Minister"]
    assert [r.title for r in actor(analysis, "Tom Becker").roles] == ["Sen."]
    assert [r.title for r in actor(analysis, "Mara Quinn").roles] == ["political analyst"]
    role = actor(analysis, "Pablo Ortega").roles[0]
    assert role.title == "Chilean President"
    assert text[role.span.start : role.span.end] == "Chilean President"


def test_an_appositive_title_is_a_role():
    text = "And Lena Vogt, the country's foreign minister, said the talks had failed."
    assert [r.title for r in actor(analyse(text), "Lena Vogt").roles] == ["foreign minister"]


def test_a_surname_alone_resolves_accent_and_case_insensitively_to_the_fullest_accented_name():
    text = "Opposition leader Jose Nunez arrived late. Later José Núñez spoke. NUNEZ was cheered and Nunez left."
    analysis = analyse(text)
    assert [a.name for a in analysis.actors] == ["José Núñez"]
    assert referent(text, analysis, "NUNEZ") == "José Núñez"
    assert referent(text, analysis, "Nunez", 0) == "José Núñez"


def test_the_fullest_form_is_the_canonical_name():
    text = "Interior Minister Carlos Mendez spoke first. Carlos Mendez Ruiz, a former judge, then left."
    assert names(text) == ["Carlos Mendez Ruiz"]


def test_two_people_sharing_a_surname_stay_apart():
    text = (
        "Interior Minister Carlos Mendez Ruiz ordered the arrests. Activist Daniel Ruiz was among those held. "
        "Mendez said the police had acted lawfully. Ruiz said he had done nothing wrong."
    )
    analysis = analyse(text)
    assert [a.name for a in analysis.actors] == ["Carlos Mendez Ruiz", "Daniel Ruiz"]
    assert referent(text, analysis, "Mendez") == "Carlos Mendez Ruiz"
    assert referent(text, analysis, "Ruiz") == "Daniel Ruiz"


def test_a_title_alone_resolves_to_the_person_introduced_with_it():
    text = "Interior Minister Carlos Mendez Ruiz ordered the arrests. Critics say the interior minister went too far."
    analysis = analyse(text)
    assert referent(text, analysis, "interior minister") == "Carlos Mendez Ruiz"


def test_a_pronoun_resolves_to_the_subject_of_the_sentence_before_not_to_an_object_in_it():
    text = (
        "Pablo Ortega met Lena Vogt in the capital. The talks went badly for Lena Vogt, he said. "
        "Mara Quinn praised Ortega's plan. She said it was bold."
    )
    analysis = analyse(text)
    assert referent(text, analysis, "he") == "Pablo Ortega"
    assert referent(text, analysis, "She") == "Mara Quinn"


def test_governments_named_by_country_demonym_or_president():
    text = (
        "Chilean President Pablo Ortega called for calm. The Chilean government said the protests were over. "
        "Chile's government later denied it, and the government of President Pablo Ortega resigned. "
        "The government of Peru stayed silent."
    )
    analysis = analyse(text)
    governments = [a for a in analysis.actors if a.kind == "government"]
    assert [g.name for g in governments] == ["Government of Chile", "Government of Peru"]
    chile = governments[0]
    assert [text[s.start : s.end] for s in chile.mentions] == [
        "Chilean government",
        "Chile's government",
        "government of President Pablo Ortega",
    ]


def test_outlets_places_facilities_operations_and_sentence_openers_are_not_actors():
    text = (
        "Crucially, the AP reported clashes in Santiago. Reuters and CNN confirmed that troops left "
        "the Cerro Moreno Air Base during Operation Dawn Shield. The Associated Press said little. "
        "Santiago remained calm, and Santiago was quiet by night."
    )
    assert names(text) == []


def test_a_headline_in_title_case_does_not_introduce_names():
    text = "Ortega Wins Vote In Landslide Victory\nPresident Pablo Ortega won the vote."
    assert names(text) == ["Pablo Ortega"]


def test_a_surname_the_article_never_gives_in_full_is_a_person_when_it_acts():
    text = "Protests grew where Ortega had banned them. The crowd marched against Ortega in the rain."
    analysis = analyse(text)
    assert [a.name for a in analysis.actors] == ["Ortega"]
    assert len(analysis.actors[0].mentions) == 2


def test_names_in_a_donation_appeal_are_not_actors():
    text = (
        "President Pablo Ortega won.\n"
        "We need your help: outlets like Daily Planet and Clark Kent's paper are closing.\n"
        "Please make a donation today.\n"
    )
    assert names(text) == ["Pablo Ortega"]


def test_known_actors_from_the_database_are_recognised_under_their_canonical_name():
    text = "Maduro said the army was loyal. Nicolas Maduro spoke for an hour."
    analysis = analyse(text, known_actors=[("Nicolás Maduro", ["Maduro", "Nicolas Maduro"])])
    assert [a.name for a in analysis.actors] == ["Nicolás Maduro"]
    assert referent(text, analysis, "Maduro") == "Nicolás Maduro"


def test_mentions_are_offsets_into_the_text_in_text_order():
    text = "Defense Minister Ana Rivera spoke. Rivera's aides left, and she followed them."
    analysis = analyse(text)
    assert [text[m.start : m.end] for m in analysis.mentions] == ["Ana Rivera", "Rivera", "she"]
    assert [m.possessive for m in analysis.mentions] == [False, True, False]


def test_a_title_set_off_by_a_comma_before_the_name_is_a_role():
    text = "New Zealand's prime minister, Jacinda Ardern, resigned. The opposition leader, Christopher Luxon, spoke."
    analysis = analyse(text)
    assert [(a.name, [r.title for r in a.roles]) for a in analysis.actors] == [
        ("Jacinda Ardern", ["New Zealand's prime minister"]),
        ("Christopher Luxon", ["opposition leader"]),
    ]


def test_a_known_actor_named_only_by_surname_and_a_known_body_keep_their_database_names():
    text = "Defense Minister Padrino spoke. Padrino said the army was loyal. The Defence Ministry agreed."
    analysis = analyse(
        text,
        known_actors=[("Vladimir Padrino López", ["Padrino"]), ("Ministry of Defence", ["Defence Ministry"])],
    )
    assert {a.name: a.kind for a in analysis.actors} == {
        "Vladimir Padrino López": "person",
        "Ministry of Defence": "organization",
    }
    assert [r.title for r in actor(analysis, "Vladimir Padrino López").roles] == ["Defense Minister"]
    assert referent(text, analysis, "Padrino", 1) == "Vladimir Padrino López"


def test_a_name_known_from_the_database_is_recognised_in_an_article_giving_only_the_surname():
    text = 'Crowds gathered in the square. "We will not leave," Quiroga said, and Quiroga led them to the palace.'
    analysis = analyse(text, known_actors=[("Elena Quiroga Paz", ["Quiroga", "Elena Quiroga"])])
    assert [a.name for a in analysis.actors] == ["Elena Quiroga Paz"]
    assert [text[m.start : m.end] for m in analysis.actors[0].mentions] == ["Quiroga", "Quiroga"]


def test_a_fuller_name_in_the_article_beats_a_shorter_stored_one_and_keeps_its_titles():
    text = (
        "Interior Minister Elena Quiroga Paz spoke first. Then Ana Paz said the march was peaceful. "
        "Quiroga said the roads would stay open."
    )
    analysis = analyse(text, known_actors=[("Elena Quiroga", ["Quiroga", "Elena Quiroga Paz"])])
    assert [(a.name, [r.title for r in a.roles]) for a in analysis.actors] == [
        ("Elena Quiroga Paz", ["Interior Minister"]),
        ("Ana Paz", []),
    ]
    # The name ends where the article's does, and its own words decide who "Paz" or "Quiroga" is.
    assert [text[m.start : m.end] for m in analysis.actors[0].mentions] == ["Elena Quiroga Paz", "Quiroga"]


def test_a_surname_two_stored_people_share_names_neither_of_them():
    text = "Lopez said the talks had failed, and Lopez left the room."
    known = [("Leopoldo López", ["López"]), ("Vladimir Padrino López", ["López", "Padrino"])]
    assert names(text, known_actors=known) == ["Lopez"]


def test_a_known_name_mentioned_in_passing_is_not_made_an_actor():
    # Whether an earlier article stored him must not change what this one yields: the same article
    # ingested before that one would have no actor here.
    text = "Soldiers loyal to Quiroga blocked the road on Tuesday."
    assert names(text, known_actors=[("Elena Quiroga Paz", ["Quiroga"])]) == []


def test_a_family_name_written_first_resolves_when_only_one_person_has_it():
    text = "Chinese President Xi Jinping met the envoy. Xi called the talks productive."
    analysis = analyse(text)
    assert [a.name for a in analysis.actors] == ["Xi Jinping"]
    assert referent(text, analysis, "Xi") == "Xi Jinping"


def test_titles_written_with_abbreviations_or_hyphens_and_places_that_look_like_names():
    text = (
        "President-elect Joe Biden spoke in Hong Kong. Rev. Al Sharpton and Tesla CEO Elon Musk attended. "
        "Adm. Grace Hopper was there, and Hong Kong activists said they felt safe in Buenos Aires."
    )
    analysis = analyse(text)
    assert [(a.name, [r.title for r in a.roles]) for a in analysis.actors] == [
        ("Joe Biden", ["President-elect"]),
        ("Al Sharpton", ["Rev."]),
        ("Elon Musk", ["Tesla CEO"]),
        ("Grace Hopper", ["Adm."]),
    ]


def test_a_sentence_opening_preposition_or_participle_is_not_part_of_a_name():
    text = "Unlike Ana Rivera, Mark Hill stayed. Following Tom Becker's call, Lena Vogt spoke. King Charles left."
    analysis = analyse(text)
    assert [a.name for a in analysis.actors] == ["Ana Rivera", "Mark Hill", "Tom Becker", "Lena Vogt", "Charles"]


def test_appositive_titles_after_a_name_with_owners_or_of_phrases():
    text = (
        "Jorge Arreaza, Venezuela's foreign minister, spoke first. Ana Diaz, director of the agency, agreed. "
        "Tom Hill, who runs a bakery, left. Later, the foreign minister left too."
    )
    analysis = analyse(text)
    assert [(a.name, [r.title for r in a.roles]) for a in analysis.actors] == [
        ("Jorge Arreaza", ["foreign minister"]),
        ("Ana Diaz", ["director"]),
        ("Tom Hill", []),
    ]
    assert referent(text, analysis, "foreign minister") == "Jorge Arreaza"


def test_countries_and_capitals_may_stand_in_full_names_but_not_alone():
    text = (
        "President Santiago Peña met Michael Jordan and Jordan Peterson near the Venezuela Colombia border. "
        "Santiago was hot, and Santiago had long been the capital."
    )
    assert names(text) == ["Santiago Peña", "Michael Jordan", "Jordan Peterson"]


def test_a_one_word_known_name_is_one_actor_however_often_it_appears():
    text = "Madonna sang. Later Madonna said she was tired, and Madonna left."
    analysis = analyse(text, known_actors=[("Madonna", [])])
    assert [a.name for a in analysis.actors] == ["Madonna"]
    assert [text[m.start : m.end] for m in analysis.actors[0].mentions] == ["Madonna", "Madonna", "she", "Madonna"]
