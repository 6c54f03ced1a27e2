"""General English word lists the extraction stages share: world knowledge, never article content."""


def word_set(text: str) -> frozenset[str]:
    """A frozen set of the white-space separated words of ``text`` (lists read better as prose blocks)."""
    return frozenset(text.split())


# Heads of titles that introduce a person ("Defense Minister X", "political analyst X").
TITLE_HEADS = word_set(
    """president vice-president minister premier chancellor senator sen. sen rep. rep representative congressman
    congresswoman governor gov. gov mayor leader chief head chairman chairwoman chair director secretary
    spokesman spokeswoman spokesperson ambassador envoy advisor adviser aide general gen. gen colonel col. col
    lieutenant lt. lt major maj. captain capt. commander admiral sergeant officer analyst activist politician
    lawmaker legislator dictator king queen prince princess emperor pope cardinal bishop archbishop rabbi imam
    sheikh judge justice prosecutor attorney lawyer professor prof. prof doctor dr. dr mr. mr mrs. mrs ms. ms
    sir dame lord lady economist journalist reporter correspondent editor columnist commentator author writer
    researcher scientist expert historian spokesman founder ceo executive candidate nominee opponent
    dissident protester campaigner organizer organiser strongman ruler monarch counsel deputy vicar priest
    coach manager mentor ally critic rival challenger successor predecessor negotiator mediator
    commissioner superintendent inspector detective sheriff marshal delegate diplomat consul
    attache secretary-general minister-president speaker whip president-elect governor-elect mayor-elect
    senator-elect co-founder co-chair co-chairman reverend rev rev. father imam ayatollah emir sultan sheikh
    adm adm. sgt sgt. cpl cpl. pvt pvt. supt supt. insp insp. det det. amb amb. atty atty. hon hon. fr fr."""
)
# Titles of those who speak for an office: unnamed, their words are the office's ("a ministry spokeswoman said").
SPOKESPERSONS = word_set("spokesman spokeswoman spokesperson")
# Words that may stand in a title before its head ("self-declared interim President").
TITLE_MODIFIERS = word_set(
    """vice deputy prime foreign defense defence interior home finance health education justice economy trade
    oil energy agriculture labor labour transport communications communication information culture
    tourism environment security intelligence national state federal regional local senior former acting
    interim self-declared self-proclaimed self-styled opposition political military army party union
    detained jailed exiled imprisoned imprisoned late elected de-facto de facto presidential executive
    general attorney assistant associate chief lead top senior junior veteran longtime long-time
    independent conservative liberal socialist communist republican democratic democrat
    human rights civil student labour labor legal press public affairs policy economic"""
)
# Capitalised words that open a run of capitals without being part of a name.
FUNCTION_WORDS = word_set(
    """the a an and but or nor so yet for if as at by in on of to from with without into onto over under after
    before since until while when where whereas because though although even also then thus still meanwhile
    however moreover furthermore instead indeed this that these those there here it its he she they we i you
    his her their our my your who whom whose which what why how all both each every some any no not many
    most more much several few other another such only just according update updated breaking exclusive
    watch read listen see photo video comment comments analysis opinion editorial later earlier now today
    yesterday tomorrow tonight finally separately elsewhere previously recently currently first next last
    once again soon already instead otherwise nonetheless nevertheless therefore hence accordingly unlike
    despite during amid amidst among amongst within through throughout across against besides beyond
    outside inside near behind toward towards upon via per regarding concerning including excluding
    while whilst unless whether except plus minus"""
)
# People spoken of as a group open sentences with a capital ("Critics said ..."): no one's name.
GROUP_NOUNS = word_set(
    """critics officials analysts protesters protestors residents witnesses experts observers activists lawmakers
    legislators authorities soldiers troops demonstrators supporters opponents leaders diplomats sources
    investigators prosecutors doctors scientists economists researchers voters citizens people others
    reporters journalists organizers organisers campaigners officers workers students parents teachers
    farmers locals villagers survivors families relatives neighbours neighbors members delegates rebels
    militants insurgents fighters police spokespeople representatives ministers senators republicans
    democrats conservatives liberals socialists communists"""
)
# Lowercase particles inside names ("Francisco de Miranda", "Ludwig van Beethoven").
NAME_PARTICLES = word_set("de da del della dei di do dos das du van von der den ter ten bin ibn al el la le y e")
# A run opening with one of these is a place or thing ("La Paz", "Los Angeles", "New York").
PLACE_OPENERS = word_set(
    """la las los el le les il lo new san santa santo sao saint st. st fort port mount lake river cape
    north south east west northern southern eastern western central upper lower greater"""
)
# Words that make a run of capitals an organisation, place, facility, event or work, never a person.
NON_PERSON_WORDS = word_set(
    """base air airbase airport station port harbor harbour bridge road street avenue square boulevard highway
    palace house hall tower building center centre hospital school college university institute academy
    museum library church cathedral mosque temple stadium park prison jail camp plaza city county province
    state states district region republic kingdom union nations nation federation confederation league
    council assembly parliament congress senate court tribunal ministry department office agency authority
    administration government cabinet commission committee bureau service services force forces army navy
    guard guards police corps brigade battalion regiment militia party movement front alliance coalition
    bloc organization organisation association society foundation fund trust bank company corporation
    corp corp. inc inc. ltd llc group holdings industries airlines airways network news press times post
    journal herald tribune gazette daily weekly magazine radio television tv channel media review
    operation plan project program programme initiative act law bill treaty accord agreement declaration
    constitution charter revolution war crisis summit conference forum festival games cup championship
    olympics award prize day week month year era age index exchange market mall island islands mountains
    valley desert ocean sea gulf bay coast peninsula continent world international global worldwide
    earth watch monitor institute center"""
)
# Places whose names look like a person's first and last name.
MULTIWORD_PLACES = frozenset(
    {
        "hong kong",
        "buenos aires",
        "tel aviv",
        "abu dhabi",
        "kuala lumpur",
        "costa rica",
        "puerto rico",
        "middle east",
        "latin america",
        "wall street",
        "capitol hill",
        "sierra leone",
        "burkina faso",
        "gaza strip",
        "sri lanka",
        "addis ababa",
        "rio de janeiro",
        "mexico city",
        "kuwait city",
        "panama city",
    }
)
# Words that end the name of a body that can speak ("Defense Ministry", "Human Rights Watch").
ORGANISATION_HEADS = word_set(
    """ministry department agency council party committee commission court union nations organization
    organisation bank fund army navy police office bureau authority assembly parliament congress senate
    watch international institute foundation association federation league coalition alliance movement
    corporation company group network cabinet tribunal command house kremlin pentagon vatican motors electric
    airlines airways industries holdings technologies systems pharmaceuticals inc corp ltd llc plc university
    college hospital"""
)
WEEKDAYS_AND_MONTHS = word_set(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
# Outlets and wire services: cited as sources of reporting, they are not actors of the story.
MEDIA_OUTLETS = word_set(
    """ap afp reuters cnn bbc rt nbc abc cbs fox msnbc npr pbs bloomberg xinhua tass ria sputnik efe ansa dpa
    upi aljazeera al-jazeera jazeera telesur twitter facebook youtube instagram telegram whatsapp tiktok
    reddit x.com axios politico vox guardian telegraph independent economist nyt wsj"""
)
MEDIA_NAMES = frozenset(
    {
        "associated press",
        "agence france-presse",
        "agence france presse",
        "al jazeera",
        "new york times",
        "washington post",
        "wall street journal",
        "financial times",
        "the guardian",
        "fox news",
        "sky news",
        "russia today",
        "truth social",
    }
)

# Demonyms and the country each names; also the country names themselves (folded).
DEMONYMS = {
    "afghan": "Afghanistan",
    "albanian": "Albania",
    "algerian": "Algeria",
    "american": "United States",
    "angolan": "Angola",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "armenian": "Armenia",
    "australian": "Australia",
    "austrian": "Austria",
    "azerbaijani": "Azerbaijan",
    "bahraini": "Bahrain",
    "bangladeshi": "Bangladesh",
    "belarusian": "Belarus",
    "belgian": "Belgium",
    "bolivian": "Bolivia",
    "bosnian": "Bosnia and Herzegovina",
    "brazilian": "Brazil",
    "british": "United Kingdom",
    "bulgarian": "Bulgaria",
    "burmese": "Myanmar",
    "cambodian": "Cambodia",
    "cameroonian": "Cameroon",
    "canadian": "Canada",
    "chilean": "Chile",
    "chinese": "China",
    "colombian": "Colombia",
    "congolese": "Congo",
    "costa rican": "Costa Rica",
    "croatian": "Croatia",
    "cuban": "Cuba",
    "cypriot": "Cyprus",
    "czech": "Czech Republic",
    "danish": "Denmark",
    "dominican": "Dominican Republic",
    "dutch": "Netherlands",
    "ecuadorian": "Ecuador",
    "egyptian": "Egypt",
    "emirati": "United Arab Emirates",
    "eritrean": "Eritrea",
    "estonian": "Estonia",
    "ethiopian": "Ethiopia",
    "filipino": "Philippines",
    "finnish": "Finland",
    "french": "France",
    "georgian": "Georgia",
    "german": "Germany",
    "ghanaian": "Ghana",
    "greek": "Greece",
    "guatemalan": "Guatemala",
    "haitian": "Haiti",
    "honduran": "Honduras",
    "hungarian": "Hungary",
    "icelandic": "Iceland",
    "indian": "India",
    "indonesian": "Indonesia",
    "iranian": "Iran",
    "iraqi": "Iraq",
    "irish": "Ireland",
    "israeli": "Israel",
    "italian": "Italy",
    "ivorian": "Ivory Coast",
    "jamaican": "Jamaica",
    "japanese": "Japan",
    "jordanian": "Jordan",
    "kazakh": "Kazakhstan",
    "kenyan": "Kenya",
    "korean": "Korea",
    "kosovar": "Kosovo",
    "kuwaiti": "Kuwait",
    "kyrgyz": "Kyrgyzstan",
    "latvian": "Latvia",
    "lebanese": "Lebanon",
    "libyan": "Libya",
    "lithuanian": "Lithuania",
    "malaysian": "Malaysia",
    "malian": "Mali",
    "maltese": "Malta",
    "mexican": "Mexico",
    "moldovan": "Moldova",
    "mongolian": "Mongolia",
    "montenegrin": "Montenegro",
    "moroccan": "Morocco",
    "mozambican": "Mozambique",
    "namibian": "Namibia",
    "nepalese": "Nepal",
    "nicaraguan": "Nicaragua",
    "nigerian": "Nigeria",
    "nigerien": "Niger",
    "norwegian": "Norway",
    "omani": "Oman",
    "pakistani": "Pakistan",
    "palestinian": "Palestine",
    "panamanian": "Panama",
    "paraguayan": "Paraguay",
    "peruvian": "Peru",
    "polish": "Poland",
    "portuguese": "Portugal",
    "qatari": "Qatar",
    "romanian": "Romania",
    "russian": "Russia",
    "rwandan": "Rwanda",
    "salvadoran": "El Salvador",
    "saudi": "Saudi Arabia",
    "senegalese": "Senegal",
    "serbian": "Serbia",
    "singaporean": "Singapore",
    "slovak": "Slovakia",
    "slovenian": "Slovenia",
    "somali": "Somalia",
    "south african": "South Africa",
    "south korean": "South Korea",
    "north korean": "North Korea",
    "spanish": "Spain",
    "sri lankan": "Sri Lanka",
    "sudanese": "Sudan",
    "swedish": "Sweden",
    "swiss": "Switzerland",
    "syrian": "Syria",
    "taiwanese": "Taiwan",
    "tajik": "Tajikistan",
    "tanzanian": "Tanzania",
    "thai": "Thailand",
    "tunisian": "Tunisia",
    "turkish": "Turkey",
    "turkmen": "Turkmenistan",
    "ugandan": "Uganda",
    "ukrainian": "Ukraine",
    "uruguayan": "Uruguay",
    "us": "United States",
    "u.s": "United States",  # token keys drop an abbreviation's final full stop
    "u.k": "United Kingdom",
    "usa": "United States",
    "uk": "United Kingdom",
    "uzbek": "Uzbekistan",
    "venezuelan": "Venezuela",
    "vietnamese": "Vietnam",
    "yemeni": "Yemen",
    "zambian": "Zambia",
    "zimbabwean": "Zimbabwe",
}
COUNTRIES = {country.casefold(): country for country in DEMONYMS.values()} | {
    "america": "United States",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "england": "United Kingdom",
    "holland": "Netherlands",
    "the united states": "United States",
}
# Capitals, which news uses for their governments ("Moscow said", "Washington warned").
CAPITALS = {
    "washington": "United States",
    "moscow": "Russia",
    "beijing": "China",
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "london": "United Kingdom",
    "paris": "France",
    "berlin": "Germany",
    "rome": "Italy",
    "madrid": "Spain",
    "tokyo": "Japan",
    "seoul": "South Korea",
    "pyongyang": "North Korea",
    "tehran": "Iran",
    "ankara": "Turkey",
    "jerusalem": "Israel",
    "cairo": "Egypt",
    "riyadh": "Saudi Arabia",
    "damascus": "Syria",
    "baghdad": "Iraq",
    "kabul": "Afghanistan",
    "islamabad": "Pakistan",
    "delhi": "India",
    "new delhi": "India",
    "caracas": "Venezuela",
    "havana": "Cuba",
    "bogota": "Colombia",
    "brasilia": "Brazil",
    "buenos aires": "Argentina",
    "lima": "Peru",
    "santiago": "Chile",
    "quito": "Ecuador",
    "la paz": "Bolivia",
    "managua": "Nicaragua",
    "mexico city": "Mexico",
    "ottawa": "Canada",
    "canberra": "Australia",
    "wellington": "New Zealand",
    "minsk": "Belarus",
    "warsaw": "Poland",
    "budapest": "Hungary",
    "athens": "Greece",
    "doha": "Qatar",
    "abu dhabi": "United Arab Emirates",
    "amman": "Jordan",
    "beirut": "Lebanon",
    "tripoli": "Libya",
    "khartoum": "Sudan",
    "addis ababa": "Ethiopia",
    "nairobi": "Kenya",
    "pretoria": "South Africa",
    "abuja": "Nigeria",
    "hanoi": "Vietnam",
    "manila": "Philippines",
    "jakarta": "Indonesia",
    "bangkok": "Thailand",
    "taipei": "Taiwan",
    "tbilisi": "Georgia",
    "yerevan": "Armenia",
    "baku": "Azerbaijan",
    "stockholm": "Sweden",
    "oslo": "Norway",
    "helsinki": "Finland",
    "copenhagen": "Denmark",
    "vienna": "Austria",
    "bern": "Switzerland",
    "lisbon": "Portugal",
    "dublin": "Ireland",
    "brussels": "Belgium",
}

# Verbs that attribute words to a speaker, in every form news uses them.
_CUE_STEMS = """say:said,says,saying tell:told,tells,telling write:wrote,writes,writing,written
    tweet:tweeted,tweets,tweeting add:added,adds,adding claim:claimed,claims,claiming warn:warned,warns,warning
    decry:decried,decries,decrying blast:blasted,blasts,blasting call:called,calls,calling
    confirm:confirmed,confirms,confirming state:stated,states,stating announce:announced,announces,announcing
    insist:insisted,insists,insisting argue:argued,argues,arguing ask:asked,asks,asking reply:replied,replies
    respond:responded,responds explain:explained,explains,explaining note:noted,notes,noting
    post:posted,posts,posting urge:urged,urges,urging vow:vowed,vows,vowing promise:promised,promises,promising
    reject:rejected,rejects,rejecting deny:denied,denies,denying condemn:condemned,condemns,condemning
    dismiss:dismissed,dismisses,dismissing accuse:accused,accuses,accusing describe:described,describes,describing
    label:labelled,labeled,labels,labeling,labelling dub:dubbed,dubs brand:branded,brands,branding
    praise:praised,praises,praising criticize:criticized,criticised,criticizes,criticises,criticizing,criticising
    slam:slammed,slams,slamming welcome:welcomed,welcomes,welcoming acknowledge:acknowledged,acknowledges
    admit:admitted,admits,admitting concede:conceded,concedes pledge:pledged,pledges,pledging
    threaten:threatened,threatens,threatening demand:demanded,demands,demanding recall:recalled,recalls
    predict:predicted,predicts stress:stressed,stresses,stressing emphasize:emphasized,emphasised,emphasizes
    reiterate:reiterated,reiterates echo:echoed,echoes comment:commented,comments remark:remarked,remarks
    shout:shouted,shouts chant:chanted,chants finish:finished conclude:concluded,concludes,concluding
    continue:continued,continues exclaim:exclaimed,exclaims assert:asserted,asserts,asserting
    maintain:maintained,maintains declare:declared,declares,declaring repeat:repeated,repeats
    suggest:suggested,suggests,suggesting"""
CUE_VERBS = frozenset(
    form for entry in _CUE_STEMS.split() for form in [entry.split(":")[0], *entry.split(":")[1].split(",")]
)
# Cue verbs that may follow their subject in an inversion ("said Ortega", "tweeted Vogt").
INVERTING_CUES = word_set(
    """said says added adds wrote writes tweeted asked explained continued insisted noted recalled replied
    warned told declared stated concluded shouted exclaimed responded urged"""
)
# Channels a statement can be made through, as the text names them.
CHANNELS = {
    "twitter": "Twitter",
    "tweet": "Twitter",
    "tweets": "Twitter",
    "tweeted": "Twitter",
    "facebook": "Facebook",
    "instagram": "Instagram",
    "telegram": "Telegram",
    "youtube": "YouTube",
    "video": "video",
    "statement": "statement",
    "interview": "interview",
    "press conference": "press conference",
    "news conference": "press conference",
    "speech": "speech",
    "social media": "social media",
    "letter": "letter",
    "email": "email",
    "radio": "radio",
    "television": "television",
}
