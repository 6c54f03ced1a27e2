"""An unnamed spokesperson ("Salas's spokesman", "a government spokeswoman", "a Defence Ministry
spokesman") is the one person the article names elsewhere as speaking for that side; with two such
people, or none, or only one of another side, the spokesperson stays unnamed (see actors._voice_for)."""

from tests.extraction.stages import credited_quotes


def _said(text):
    return [(speaker, words) for speaker, words, *_ in credited_quotes(text)]


def test_a_leaders_spokesperson_is_the_information_minister_the_article_names():
    text = (
        "Protests spread across the capital on Sunday against strongman Ruben Salas.\n"
        'Salas\'s spokesman said the police had contained "a handful of agitators."\n'
        "Salas's government has blocked access to social media.\n"
        "Information Minister Marta Quiroga wrote on Twitter that the unrest was over.\n"
        'A spokesperson for Salas later said the curfew was "lifted." '
        'Salas\'s spokesperson is saying that "the borders stay open."\n'
    )
    assert _said(text) == [
        ("Marta Quiroga", "a handful of agitators."),
        ("Marta Quiroga", "lifted."),
        ("Marta Quiroga", "the borders stay open."),
    ]


def test_a_governments_spokesman_is_its_communications_minister():
    text = (
        "The Peruvian government closed the border. Communications Minister Ana Diaz spoke on radio. "
        'A government spokesman said the closure was "temporary."'
    )
    assert _said(text) == [("Ana Diaz", "temporary.")]


def test_a_presidents_spokesman_is_the_presidential_spokesman_of_that_country():
    text = (
        "Chilean President Pablo Ortega stayed at home. Presidential spokesman Ivo Brandt met reporters. "
        'Later, Ortega\'s spokesman said the president was "in good health." He added that "the visit will happen."'
    )
    assert _said(text) == [("Ivo Brandt", "in good health."), ("Ivo Brandt", "the visit will happen.")]


def test_a_spokesperson_named_with_the_same_owner_is_that_person():
    person = (
        "Pablo Ortega stayed at home. Ortega's spokeswoman Ana Vega met reporters on Sunday. "
        'On Monday, Ortega\'s spokeswoman said he was "resting."'
    )
    body = (
        "The Defence Ministry published new rules. Defence Ministry spokesman Piet Smit gave details. "
        'A Defence Ministry spokesman later called the critics "misinformed."'
    )
    assert _said(person) == [("Ana Vega", "resting.")]
    assert _said(body) == [("Piet Smit", "misinformed.")]


def test_two_people_who_may_speak_for_the_side_credit_neither():
    officials = "Information Minister Marta Quiroga and presidential spokesman Ivo Brandt met reporters on Sunday. "
    leader = f'The government of Ruben Salas imposed a curfew. {officials}Salas\'s spokesperson said it was "brief."'
    president = f'Chilean President Pablo Ortega stayed home. {officials}Ortega\'s spokesperson said it was "brief."'
    assert _said(leader) == []
    assert _said(president) == [("Government of Chile", "brief.")]


def test_without_anyone_speaking_for_the_side_the_spokesperson_keeps_to_the_office():
    leader = (
        'The government of Ruben Salas imposed a curfew. Salas\'s spokesman said it was "brief." '
        "Interior Minister Marta Quiroga signed the order."
    )
    president = 'Chilean President Pablo Ortega stayed home. Ortega\'s spokesman said it was "brief."'
    body = 'The Defence Ministry published new rules. A Defence Ministry spokesman called them "overdue."'
    assert _said(leader) == []
    assert _said(president) == [("Government of Chile", "brief.")]
    assert _said(body) == [("Defence Ministry", "overdue.")]


def test_the_spokesperson_of_someone_on_another_side_is_not_the_governments_voice():
    text = (
        "Opposition leader Ana Ruiz called a general strike. The government of Ruben Salas called it illegal. "
        "Information Minister Carlos Pena spoke on radio. "
        'Ruiz\'s spokesman said the strike was "a success."'
    )
    assert _said(text) == []


def test_a_minister_of_another_country_is_not_the_presidents_voice():
    text = (
        "Chilean President Pablo Ortega stayed at home. Bolivian Information Minister Rosa Vargas spoke in La Paz. "
        'Later, Ortega\'s spokesman said the president was "in good health."'
    )
    assert _said(text) == [("Government of Chile", "in good health.")]


def test_with_two_governments_an_information_minister_of_no_stated_country_speaks_for_neither():
    text = (
        "Chilean President Pablo Ortega met Bolivian President Luis Ferraro. Information Minister Rosa Vargas spoke. "
        'Later, Ortega\'s spokesman said the talks were "productive."'
    )
    assert _said(text) == [("Government of Chile", "productive.")]


def test_with_two_governments_a_leader_of_no_stated_country_has_no_voice():
    text = (
        "The government of Ruben Salas broke off talks with the Peruvian government and the Bolivian government. "
        'Information Minister Rosa Vargas spoke. Salas\'s spokesman said the talks were "over."'
    )
    assert _said(text) == []


def test_with_two_leaders_a_minister_of_no_stated_country_speaks_for_neither():
    text = (
        "Ruben Salas's administration condemned the vote. The government of Pablo Ortega called it fair. "
        'Information Minister Rosa Vargas spoke. Salas\'s spokesman said the vote was "rigged."'
    )
    assert _said(text) == []


def test_a_former_minister_is_no_ones_voice():
    text = (
        "The government of Ruben Salas imposed a curfew. Former information minister Carlos Pena criticised it. "
        'Salas\'s spokesman said it was "brief."'
    )
    assert _said(text) == []


def test_a_spokeswoman_is_not_the_unnamed_spokesman():
    text = (
        "The government of Ruben Salas imposed a curfew. Presidential spokeswoman Ana Vega defended it. "
        'Salas\'s spokesman said it was "brief."'
    )
    assert _said(text) == []
