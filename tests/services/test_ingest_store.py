"""Storing an extracted article costs a fixed number of queries, whatever the
number of its speakers, claims and outlets; and resolving its actors together
finds what resolving them one by one found."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import extraction
from claims.article_files import ArticleOverrides
from claims.extraction import ActorKind, ExtractedActor
from claims.models import Actor, Claim, ClaimRelay, Source
from claims.services import _ActorResolver, article_ingest
from claims.services.sync import sync_stamp
from tests.factories import ActorFactory

pytestmark = pytest.mark.django_db

FIRST = ["Ana", "Boris", "Carla", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
LAST = ["Ruiz", "Petrov", "Mendes", "Volkov", "Sousa", "Haddad", "Lind", "Brandt", "Roth", "Berg"]
AGENCIES = ["Zephyr", "Reuters", "Interfax", "Tass"]
# What each speaker called fair: no two claims share three words in a row, so
# none repeats another's statement and every article pays the same for joining.
FAIR = [
    "budget",
    "tariff",
    "pension",
    "levy",
    "subsidy",
    "quota",
    "tender",
    "ruling",
    "audit",
    "wage",
]


def article(speakers: int, tag: str, first: int = 0, official: str = "the talks had failed") -> str:
    """An article of ``speakers`` named speakers from the ``first`` (each with a
    role and a relay) and one anonymous one; ``tag`` makes the text new."""
    lines = [
        f"{FIRST[i]} {LAST[i]}, the finance minister, said the {FAIR[i]} was fair, "
        f"the {AGENCIES[i % len(AGENCIES)]} agency reported."
        for i in range(first, first + speakers)
    ]
    lines.append(f"A U.S. official said {official}.")
    return f"Budget {tag}\n\n" + "\n\n".join(lines) + "\n"


def store(text: str, origin: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        report = article_ingest(
            origin=origin,
            data=text.encode(),
            overrides=ArticleOverrides(publisher="The Daily", published=datetime.date(2024, 5, 1)),
        )
    assert report.article_id, report.error
    return len(captured.captured_queries), report


# Read before the transaction (is the text known?), then in it (a savepoint
# here, 2): the writers' turn (PostgreSQL only), the sync stamp (3), the
# origin's current version, the outlets (1, and 2 to create them with their
# history), the article (2, with its history), the aliases and the anonymous
# slugs (2), free slugs (1), the new actors (2, with their history), their
# aliases (1), claims (1), relays (1), roles (2: read, create), the
# statements (4: band lookup, new statements, their bands, the claims'
# memberships) and the webhook event's listeners (1).
NEW_ARTICLE_QUERIES = 27
# A second article by the same speakers: no outlet or named actor to create
# (the anonymous one is new again); the speakers' roles are read and found
# current, and the speakers are stamped (1); the statements its claims repeat
# are read (1) and recounted (1).
KNOWN_SPEAKERS_QUERIES = 26


def pinned(count: int) -> int:
    # PostgreSQL takes the writers' turn (an advisory lock, 1) and its stamp
    # in one statement instead of three.
    return count + (1 - 2) * (connection.vendor == "postgresql")


def test_storing_an_article_costs_the_same_queries_for_two_speakers_or_eight():
    few, few_report = store(article(2, "A", first=8), "few.txt")
    # Nothing in it repeats a statement of the first: no candidates to read.
    many, many_report = store(article(8, "B", official="the ferry strike was over"), "many.txt")

    assert (few_report.actors_created, few_report.claims) == (3, 3)
    assert (many_report.actors_created, many_report.claims) == (9, 9)
    # The publisher and two agencies, then the two agencies not seen yet.
    assert (few_report.sources_created, many_report.sources_created) == (3, 2)
    assert few == many == pinned(NEW_ARTICLE_QUERIES)


def test_known_speakers_cost_the_same_queries_whatever_their_number():
    store(article(2, "A"), "few.txt")
    few, few_report = store(article(2, "A again"), "few-again.txt")
    store(article(8, "B"), "many.txt")
    many, many_report = store(article(8, "B again"), "many-again.txt")

    # Only the anonymous official is new: unnamed speakers are never matched.
    assert few_report.actors_created == many_report.actors_created == 1
    assert few_report.sources_created == many_report.sources_created == 0
    assert few == many == pinned(KNOWN_SPEAKERS_QUERIES)


def test_a_stored_article_has_its_actors_aliases_relays_and_roles():
    _, report = store(article(8, "B"), "many.txt")

    assert Actor.objects.filter(anonymous=False).count() == 8
    official = Actor.objects.get(anonymous=True)
    assert official.slug.startswith("a-us-official-")
    ana = Actor.objects.get(slug="ana-ruiz")
    assert ana.role == "the finance minister"
    assert list(ana.aliases.values_list("name", flat=True)) == ["Ana Ruiz"]
    assert list(ana.roles.values_list("role", flat=True)) == ["the finance minister"]
    # Created with a history entry each, as a save would have made.
    assert ana.history.count() == 1
    assert Source.objects.get(slug="the-daily").history.count() == 1
    assert ClaimRelay.objects.filter(claim__article_id=report.article_id).count() == 8
    assert set(ClaimRelay.objects.values_list("source__slug", flat=True)) == {
        "zephyr",
        "reuters",
        "interfax",
        "tass",
    }
    assert Claim.objects.filter(actor=ana).count() == 1


def resolve(actors: list[ExtractedActor], content_hash: str = "0" * 64) -> dict[str, Actor]:
    from django.db import transaction

    with transaction.atomic():
        resolver = _ActorResolver(content_hash=content_hash, stamp=sync_stamp())
        return resolver.resolve(actors)


def person(name: str, *aliases: str, role: str | None = None, anonymous=False):
    return ExtractedActor(
        name=name,
        kind=ActorKind.PERSON,
        role=role,
        aliases=(name, *aliases),
        anonymous=anonymous,
    )


def test_an_alias_brought_earlier_in_the_article_names_a_later_speaker():
    # "Bob Smith" is known as "Robert Smith" from the first speaker's aliases:
    # the second is the same actor, as when each was stored in turn.
    resolved = resolve([person("Robert Smith", "Bob Smith"), person("Bob Smith")])

    assert resolved["Robert Smith"] == resolved["Bob Smith"]
    assert Actor.objects.count() == 1


def test_the_oldest_actor_with_the_alias_wins_and_new_slugs_skip_taken_ones():
    older = ActorFactory(name="Robert Smith", aliases=["Bob Smith"])
    ActorFactory(name="Bobby Smith", aliases=["Bob Smith"])
    # Slugs taken by actors whose names are not this one.
    ActorFactory(name="J. Doe", slug="jane-doe")
    ActorFactory(name="J. Doe", slug="jane-doe-2")

    resolved = resolve([person("Bob Smith", role="mayor"), person("Jane Doe"), person("Jane  Doe")])

    assert resolved["Bob Smith"] == older
    # A known actor without a role gets the article's, with a history entry.
    older.refresh_from_db()
    assert older.role == "mayor"
    assert older.history.first().role == "mayor"
    # Jane Doe's alias was never stored: she is new, and a free slug is found;
    # the second spelling is the same name, so the same new actor.
    assert resolved["Jane Doe"].slug == "jane-doe-3"
    assert resolved["Jane  Doe"] == resolved["Jane Doe"]
    assert set(older.aliases.values_list("name", flat=True)) == {"Robert Smith", "Bob Smith"}
    assert set(resolved["Jane Doe"].aliases.values_list("name", flat=True)) == {"Jane Doe"}


def test_anonymous_speakers_are_scoped_to_their_article():
    official = person("A U.S. official", anonymous=True)
    first = resolve([official], content_hash="a" * 64)["A U.S. official"]
    again = resolve([official], content_hash="a" * 64)["A U.S. official"]
    other = resolve([official], content_hash="b" * 64)["A U.S. official"]

    assert first == again
    assert other != first
    assert (first.slug, other.slug) == ("a-us-official-aaaaaaaa", "a-us-official-bbbbbbbb")


def test_the_extractor_s_actors_resolve_like_this_test_expects():
    # The articles above rely on the extractor finding one actor per speaker.
    found = extraction.extract_article(article(8, "B"))
    assert [actor.name for actor in found.actors] == [
        *(f"{first} {last}" for first, last in zip(FIRST[:8], LAST[:8], strict=True)),
        "A U.S. official",
    ]
