"""Word lists: general knowledge of English news prose, nothing about any one article.

Everything here is lower case; callers compare lower-cased tokens.
"""

from __future__ import annotations

import re


def alternation(choices: frozenset[str] | set[str]) -> str:
    """A regex matching any of ``choices``, factored by common prefixes.

    Python's regex engine tries a flat alternation one branch at a time at
    every position; a prefix tree lets it drop all but a few branches after
    the first character, which keeps a 200-verb search fast.
    """
    tree: dict = {}
    for choice in choices:
        node = tree
        for char in choice:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends else group

    return render(tree)


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text``: lists below stay readable."""
    return frozenset(text.split())


# Reporting verbs that take a content clause ("X said (that) ..."), in every
# form a news sentence uses them. Past and present tense, third person.
REPORTING_VERBS = words(
    """
    said says say told tells tell warned warns warn insisted insists insist denied denies deny
    added adds add argued argues argue claimed claims claim stated states noted notes note
    explained explains explain announced announces announce acknowledged acknowledges
    acknowledge admitted admits admit confirmed confirms confirm suggested suggests suggest
    asserted asserts assert maintained maintains maintain contended contends contend
    stressed stresses stress emphasized emphasizes emphasised emphasises declared declares
    reported reports predicted predicts estimated estimates believes believe believed
    thinks think thought wrote writes write replied replies responded responds
    countered counters observed observes remarked remarks recalled recalls agreed agrees
    complained complains alleged alleges promised promises pledged pledges vowed vows
    conceded concedes revealed reveals disclosed discloses indicated indicates
    testified testifies cautioned cautions urged urges charged charges predicted
    hinted hints signaled signals signalled signals reiterated reiterates
    asked asks answered answers continued continues concluded concludes
    posted posts tweeted tweets found finds showed shows
    """
)

# Verbs that only report when followed by a content clause or a quotation; they
# are weaker, so the pipeline demands "that" or a colon after them.
WEAK_REPORTING_VERBS = words(
    """
    believes believe believed thinks think thought expects expect expected hopes hope hoped
    fears fear feared knows know knew felt feels recalled recalls found finds showed shows
    """
)

# Participles that continue a sentence's subject as speaker: "..., saying ...".
REPORTING_PARTICIPLES = words(
    """
    saying adding telling warning noting arguing insisting claiming stressing explaining
    declaring stating suggesting acknowledging admitting arguing asserting
    """
)

# Verbs that introduce a quotation after a colon without taking a clause of
# their own ("X reiterated Moscow's objections:").
QUOTE_INTRO_VERBS = REPORTING_VERBS | words(
    """
    spoke speaks explained reiterated put wrote tweeted posted
    """
)

AUXILIARIES = words(
    """
    has have had will would also later then again repeatedly previously earlier once
    has've did does do may might could should must is was were are be been being
    not never already still often recently publicly privately separately further
    reportedly today yesterday long since now widely strongly firmly openly consistently
    frequently first initially originally subsequently privately
    """
)

PRONOUNS_ALL = frozenset({"he", "she", "they", "it", "we", "i"})

DETERMINERS = frozenset({"a", "an", "the", "one", "two", "three", "several", "some", "many"})

# Honorifics and titles that precede a name and belong to the role, not the name.
TITLES = words(
    """
    mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady rev rev. fr fr.
    president vice prime minister deputy secretary general gen gen. lt lt. col col. maj maj.
    capt capt. cmdr adm adm. admiral colonel major captain lieutenant sergeant sgt sgt.
    commander chief director head chairman chairwoman chair spokesman spokeswoman
    spokesperson ambassador envoy senator sen sen. representative rep rep. governor gov
    gov. mayor judge justice king queen prince princess emperor pope cardinal bishop
    archbishop sheikh ayatollah chancellor premier ceo cfo coo founder executive officer
    professor analyst expert economist official officer leader foreign defense defence
    interior finance economy economic trade justice health education energy state home
    attorney counsel adviser advisor aide assistant undersecretary under-secretary
    secretary-general secretary general-secretary commissioner inspector superintendent
    marshal field first lady senior junior acting former interim top campaign press
    national security intelligence affairs congressman congresswoman councillor
    councilman councilwoman lawmaker legislator mp deputy-head coach manager
    prosecutor lawyer detective constable sheriff editor author doctor nurse teacher
    economist scientist researcher historian pastor imam rabbi priest activist campaigner
    organizer organiser candidate nominee contender owner president-elect striker
    midfielder goalkeeper player captain skipper coach singer actor actress director-general
    spokesman spokeswoman dean provost principal speaker whip chairperson president-elect
    shopkeeper resident farmer driver worker student pensioner voter
    """
)

# Nationality adjectives and country abbreviations used in front of titles.
NATIONALITIES = words(
    """
    u.s. us american russian british chinese french german italian spanish polish czech
    ukrainian iranian iraqi israeli palestinian syrian turkish indian pakistani afghan
    japanese korean north south canadian mexican brazilian european african arab egyptian
    saudi nato u.n. un eu e.u. u.k. uk australian swedish norwegian danish dutch belgian
    swiss austrian greek hungarian romanian serbian georgian belarusian kazakh lebanese
    jordanian libyan nigerian kenyan venezuelan cuban colombian argentine chilean
    """
)

# Country names and the places that stand for their governments.
GOVERNMENT_PLACES = words(
    """
    washington moscow beijing london paris berlin tokyo kiev kyiv tehran pyongyang seoul
    jerusalem damascus baghdad kabul islamabad new-delhi delhi ankara brussels warsaw prague
    rome madrid ottawa canberra cairo riyadh minsk tbilisi havana caracas
    kremlin white-house pentagon downing-street elysee whitehall
    russia china britain france germany japan ukraine iran iraq israel syria turkey india
    pakistan afghanistan poland canada mexico brazil egypt georgia belarus cuba venezuela
    italy spain australia sweden norway denmark netherlands belgium switzerland austria
    greece hungary romania serbia lebanon jordan libya nigeria kenya korea
    """
)
GOVERNMENT_PHRASES = (
    "the white house",
    "the kremlin",
    "the pentagon",
    "downing street",
    "the state department",
    "the united states",
    "the u.s.",
    "the united kingdom",
    "the government",
    "the administration",
    "north korea",
    "south korea",
    "czech republic",
    "united states",
)

# Words that make a capitalised phrase an organisation rather than a person.
ORGANIZATION_WORDS = words(
    """
    ministry department office council institute institution center centre company corp
    corp. inc inc. ltd ltd. llc plc bank agency party committee times news post press
    journal herald tribune gazette telegraph guardian radio television tv network channel
    union association commission court university college foundation group fund service
    organization organisation house police army navy force forces government administration
    parliament congress senate duma assembly federation league club board authority bureau
    society alliance coalition front movement airlines motors airways corporation holdings
    partners capital securities exchange statement report newspaper magazine daily weekly
    website nations
    """
)

# Words in the names of news outlets: "Harbour Newswire", "Radio Vantor".
OUTLET_WORDS = words(
    """
    agence agencia agenzia newswire wire press news radio tv television broadcasting
    broadcaster media times post journal herald gazette daily network channel fm magazine
    tribune telegraph guardian observer chronicle express mail mirror courier dispatch
    inquirer examiner monitor bulletin newspaper online
    """
)

GOVERNMENT_WORDS = frozenset(
    {
        "ministry",
        "government",
        "administration",
        "kremlin",
        "parliament",
        "cabinet",
        "duma",
    }
)

# Common nouns that make an unnamed speaker ("a U.S. official", "analysts").
ANONYMOUS_HEADS_SINGULAR = words(
    """
    official spokesman spokeswoman spokesperson source diplomat analyst expert observer
    aide adviser advisor officer person resident witness member lawyer insider executive
    representative commander statement report survey study poll ministry company government
    administration agency minister
    """
)
ANONYMOUS_HEADS_PLURAL = words(
    """
    officials sources diplomats analysts experts observers aides advisers advisors officers
    residents witnesses members lawyers insiders executives representatives commanders
    critics supporters opponents investigators authorities leaders lawmakers legislators
    economists scientists researchers doctors activists protesters demonstrators
    participants organizers organisers people allies ministers states countries governments
    reports polls surveys studies observers
    """
)

NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "del",
        "della",
        "di",
        "du",
        "van",
        "von",
        "der",
        "den",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "el",
        "ben",
        "dos",
        "das",
        "y",
        "st.",
        "ter",
        "op",
    }
)

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Capitalised words that start sentences or name things but are never speakers.
NOT_NAMES = words(
    """
    the a an this that these those it its but and or so yet also however meanwhile
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april may june july august september october november december
    in on at after before during while when as since until for from with by of to
    there here then now still just even only some many most all both each every
    i we you he she they his her their our my your
    """
)

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = words(
    """
    mr mrs ms dr prof sr jr st gen lt col maj capt cmdr adm sgt gov sen rep rev fr
    inc corp co ltd no vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.n u.k e.u d.c a.m p.m i.e e.g mt ft ave blvd dept univ approx est
    """
)

# Common men's given names: "she" passes over a man named earlier.
MALE_GIVEN_NAMES = words(
    """
    james john robert michael william david richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy
    roy vincent ralph eugene russell bobby mason philip louis vladimir dmitry dmitri sergei
    sergey ivan nikolai alexei alexey mikhail yuri igor boris viktor oleg andrei pavel
    mohammed muhammad mohammad ahmed ali hassan hussein omar ibrahim mahmoud abdullah khalid
    hans klaus jurgen wolfgang pierre jean-pierre jacques francois emmanuel giuseppe marco
    luca carlos luis miguel pedro jorge antonio manuel rahul amit raj narendra xi li wei
    tony martin simon ian graham nigel colin neil gordon keir rishi hamish callum karl
    jan lars sven erik olaf ahmad yusuf tomas paulo kofi kwame emeka chinedu
    alain arturo oskar oscar henrik magnus anders bjorn gunnar nils per stefan markus
    matthias dieter gunter heinz jens uwe jochen florian lukas jonas felix maximilian
    fernando ricardo diego alejandro javier sergio rafael eduardo roberto alberto enrique
    francesco alessandro lorenzo matteo andrea-paolo giovanni stefano paolo riccardo
    mehmet mustafa recep emre murat kemal tariq bilal imran faisal hamza karim samir
    rohan arjun vikram sanjay anil suresh ravi rajesh vijay deepak hiroshi takeshi kenji
    haruki wei-ming chen jun min-jun seo-jun declan liam conor cian eoin niall seamus
    dafydd gareth owain hugh angus ewan rory duncan dermot
    tobias rupert giles crispin hugo jasper quentin barnaby edmund
    """
)

# A few very common given names, to send "she" to a woman named earlier when the
# article gives no honorific. A miss only costs the fallback to the nearest person.
FEMALE_GIVEN_NAMES = words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    margaret betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa
    deborah stephanie rebecca laura sharon cynthia kathleen amy shirley angela helen anna
    brenda pamela nicole ruth katherine samantha christine emma catherine debra virginia
    rachel carolyn janet maria heather diane julie joyce victoria kelly christina joan
    evelyn lauren judith olivia martha cheryl megan andrea hannah jacqueline ann jean
    alice kathryn gloria teresa doris sara janice julia marie madison grace judy theresa
    beverly denise marilyn amber danielle abigail brittany rose diana natalie sophia
    alexis lori kayla jane hillary angela theresa nancy madeleine golda indira
    benazir yulia julia tatiana tatyana olga irina natalia natalya svetlana elena yelena
    ekaterina yekaterina marina ludmila lyudmila galina valentina anastasia oksana
    angela ursula christine kamala nikki elise ilhan alexandria sonia ana fatima aisha
    leila layla mariam maryam ingrid annalena giorgia marine segolene theresa jacinda
    harriet priya anjali sunita deepika pooja aditi ayesha zainab amina
    ngozi chiamaka adaeze yetunde folasade astrid freya sigrid liv karin britta greta
    heike petra sabine monika claudia ines carmen lucia isabel beatriz pilar rocio elena
    francesca chiara giulia valentina alessandra federica sofia yuki keiko haruka mei
    siobhan aoife niamh saoirse orla sinead fiona morag eilidh catriona mairi gwen
    ffion bethan sian rhiannon cerys nia
    """
)


# ---- words the extraction steps look for ----

# Words that may open a sentence before its subject without a comma.
LEADING_ADVERBS = words(
    "but and so yet also still meanwhile however later earlier then now separately "
    "instead again previously today yesterday thus indeed"
)

FINITE = words(
    "would will was were had has have is are could might may should must can did does do "
    "wo won't isn't wasn't weren't hadn't hasn't haven't couldn't"
)

# Verbs that put a quoted fragment in someone's mouth: 'calling it "a farce"'.
CHARACTERISING_VERBS = words(
    "calling called calls describing described describes dubbed dubbing termed mentioning "
    "branded branding labelled labeled labelling dismissed dismissing denounced denouncing "
    "hailed hailing slammed criticised criticized praised condemned accused blasted "
    "lambasted decried welcomed rejected vowed pledged"
)

HONORIFICS = words("mr mrs ms miss dr prof sir dame lord lady sen rep gov gen col capt lt sgt")

POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your"})

# Description heads that name someone who can be quoted ("a resident", "officials").
SPEAKER_HEADS = ANONYMOUS_HEADS_SINGULAR | ANONYMOUS_HEADS_PLURAL

INTRO_WORDS = words(
    """
    in on at after before during while when as since also but and however meanwhile asked
    earlier later last this for with by from to according despite although though if because
    still yet so then now today yesterday separately instead indeed moreover furthermore
    speaking writing addressing responding referring under among amid following
    where which who whose whom unlike like once until whether
    """
)

PASSIVE_AUXILIARIES = frozenset({"be", "been", "being", "is", "was", "were", "are", "get", "got"})

CLAUSE_STARTERS = words(
    """
    he she they it we i you there this these those that his her its their our my your
    the a an no all some any every each many most both neither none one two three
    """
)

OBJECT_VERBS = frozenset(
    {
        "told",
        "tells",
        "tell",
        "warned",
        "warns",
        "assured",
        "informed",
        "reminded",
        "urged",
        "asked",
        "promised",
    }
)

# After a quotation any verb of saying attributes it, however colourful.
AFTER_QUOTE_VERBS = REPORTING_VERBS | words(
    """
    read reads joked jokes quipped quips laughed shouted yelled cried sighed whispered
    murmured snapped demanded wondered mused offered pleaded boasted recounted scoffed
    exclaimed insisted ventured chimed interjected retorted grumbled muttered
    """
)

# Verbs after "to" that make an infinitive, not a place or a body ("ambassador to NATO").
TO_VERBS = words("be have say tell speak add do make go get see")

# Words that may follow a quoted fragment without making it a modifier:
# promised "swift action" on ..., called it "a mistake" and ...
FUNCTION_WORDS = words(
    """
    on in and or but for to at with by from of as after before over than because
    that which who if when while since until about against into onto upon during
    """
)

INVERTED_STOP = words("in on at during after before when while as via to adding noting and but")

# Who "told X" may be without X being an outlet.
NOT_OUTLETS = words(
    """
    mps meps lawmakers legislators parliament congress senate commons lords cabinet
    reporters journalists court jury judge judges committee inquiry tribunal council
    assembly nato un eu police officers investigators prosecutors supporters crowd
    """
)

MINOR_WORDS = words("a an the of in on at to for and or but with from by as")

FACT_WORDS = words(
    "percent million billion trillion thousand hundred dozen millions billions trillions "
    "thousands hundreds dozens monday tuesday wednesday thursday friday saturday sunday"
)

# Lower-case words that may stand inside a name: "Bank of England", "Anna de Vries".
NAME_CONNECTORS = frozenset({"of", "for", "and", "&", "on", "the"}) | NAME_PARTICLES

# Words after which a mention describes rather than names: "ambassador to NATO".
MENTION_BREAKS = frozenset({"to", "of", "for", "at", "in", "from", "with", "on", "who", "which"})

# Words in the formal name of a state: "the Republic of ...".
STATE_WORDS = frozenset({"republic", "kingdom", "emirates", "states", "islands", "union"})

# What "the <head>" may call a named company.
COMPANY_HEADS = frozenset({"company", "firm", "group", "carrier", "airline", "bank", "insurer"})

# Titles and words that mark a woman, and a man, when no given name does.
FEMALE_TITLES = frozenset(
    {
        "ms",
        "ms.",
        "mrs",
        "mrs.",
        "miss",
        "madam",
        "dame",
        "lady",
        "queen",
        "princess",
        "congresswoman",
        "spokeswoman",
        "chairwoman",
    }
)

MALE_TITLES = frozenset(
    {
        "mr",
        "mr.",
        "sir",
        "lord",
        "king",
        "prince",
        "congressman",
        "spokesman",
        "chairman",
        "businessman",
        "councilman",
    }
)

# Phrases that mark a line as site furniture, not the story.
FURNITURE_PHRASES = frozenset(
    {
        "subscribe", "subscription", "newsletter", "sign up", "sign in", "log in",
        "click here", "all rights reserved", "copyright", "cookie", "privacy policy",
        "terms of use", "terms of service", "get the latest", "last updated", "follow us",
        "share this", "read more", "related stories", "advertisement",
        "accessibility links", "skip to", "breaking news", "contributed to this report",
        "reporting by", "editing by", "writing by", "additional reporting", "photo credit",
        "undesirable organization", "undesirable organisation", "foreign agent",
        "could face fines", "to find out more", "email this", "e-mail this", "print this",
        "download the app", "listen to this", "watch the video", "please note that",
        "\u00a9",
    }
)  # fmt: skip

# How short page furniture lines begin ("Image caption", "More on this story").
SHORT_FURNITURE = (
    "image", "media caption", "related", "more on this", "more from", "published",
    "updated", "share", "follow", "listen", "watch", "see also", "sponsored",
    "top stories", "most read", "latest news", "comments", "tags", "topics", "advert",
)  # fmt: skip
