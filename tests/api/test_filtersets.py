"""The FilterSets on their own, without HTTP (as NetBox tests its filtersets)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection

from claims import selectors
from claims.api.filters import (
    ActorClaimFilterSet,
    ActorFilterSet,
    ArticleFilterSet,
    ClaimFilterSet,
    SourceFilterSet,
    StatementFilterSet,
    filterset_for_params,
)
from claims.models import Actor, ActorRedirect, Article, Claim, Source
from tests.factories import ActorFactory, ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2024, 3, 1, 12, 0, tzinfo=datetime.UTC)
SECOND = datetime.timedelta(seconds=1)


def claim_texts(data: dict) -> set[str]:
    filterset = ClaimFilterSet(data, queryset=selectors.claim_list())
    assert filterset.is_valid(), filterset.errors
    return {claim.text for claim in filterset.qs}


def errors(data: dict, filterset_class=ClaimFilterSet, queryset=None) -> dict:
    filterset = filterset_class(data, queryset=queryset or selectors.claim_list())
    assert not filterset.is_valid()
    return filterset.errors


class TestClaimFilterSet:
    def test_no_filters_lists_everything(self, world):
        assert len(claim_texts({})) == 5

    def test_actor_by_slug_and_repeated(self, world):
        assert claim_texts({"actor": ["robert-gates"]}) == {
            "The days of the Cold War are over",
            "Missiles in Poland threaten nobody",
        }
        both = claim_texts({"actor": ["robert-gates", "sergei-ivanov"]})
        assert len(both) == 4

    def test_actor_comma_separated(self, world):
        assert len(claim_texts({"actor": "robert-gates,sergei-ivanov"})) == 4

    def test_actor_old_slug_of_merged_actor(self, world):
        ActorRedirect.objects.create(slug="bob-gates", actor=world["gates"])
        assert len(claim_texts({"actor": ["bob-gates"]})) == 2

    def test_unknown_actor_is_an_error_naming_it(self, world):
        assert "nobody" in str(errors({"actor": ["nobody"]})["actor"])

    @pytest.mark.parametrize("name", ["gates", "GATES", "Robert Gates", "  robert   gates "])
    def test_actor_name_matches_name_or_alias(self, world, name):
        assert len(claim_texts({"actor_name": name})) == 2

    def test_actor_name_is_accent_insensitive(self, world):
        ActorFactory(name="Jürgen Müller", slug="jurgen-muller")
        filterset = ClaimFilterSet({"actor_name": "jurgen muller"}, queryset=selectors.claim_list())
        assert filterset.is_valid()
        assert list(filterset.qs) == []  # he made no claims, but the name resolved without error
        assert selectors.actor_ids_with_alias(name="JÜRGEN MÜLLER").exists()

    def test_actor_name_part_of_a_name_is_not_a_match(self, world):
        assert claim_texts({"actor_name": "robert"}) == set()

    def test_kind_and_status(self, world):
        assert claim_texts({"kind": ["assertion"]}) == {"The system costs 3.5 billion dollars"}
        assert len(claim_texts({"kind": ["direct", "partial"]})) == 3
        assert len(claim_texts({"status": ["unreviewed"]})) == 5
        assert claim_texts({"status": ["verified"]}) == set()

    def test_article(self, world):
        article = world["claims"]["cold_war"].article_id
        assert claim_texts({"article": str(article)}) == {"The days of the Cold War are over"}

    def test_publisher_and_via(self, world):
        assert len(claim_texts({"publisher": ["the-times"]})) == 2
        assert claim_texts({"via": ["reuters"]}) == {"Missiles in Poland threaten nobody"}
        assert claim_texts({"via": ["interfax"]}) == {
            "Missiles in Poland threaten nobody",
            "chimerical",
        }

    def test_via_does_not_duplicate_a_claim_relayed_twice(self, world):
        data = {"via": ["reuters", "interfax"]}
        filterset = ClaimFilterSet(data, queryset=selectors.claim_list())
        assert filterset.is_valid()
        assert len(list(filterset.qs)) == 2

    def test_dates(self, world):
        assert claim_texts({"published_after": "2007-04-20", "published_before": "2007-04-24"}) == {
            "The days of the Cold War are over",
            "Missiles in Poland threaten nobody",
        }
        assert claim_texts({"published_after": "2007-05-01"}) == {
            "The system costs 3.5 billion dollars"
        }

    def test_min_confidence(self, world):
        assert claim_texts({"min_confidence": "0.8"}) == {
            "The days of the Cold War are over",
            "chimerical",
        }

    def test_has_speaker(self, world):
        assert claim_texts({"has_speaker": "false"}) == {"The system costs 3.5 billion dollars"}
        assert len(claim_texts({"has_speaker": "true"})) == 4

    def test_q_matches_claim_text(self, world):
        assert claim_texts({"q": "cold war"}) == {"The days of the Cold War are over"}

    def test_q_matches_speaker_names(self, world):
        assert claim_texts({"q": "Ivanov"}) == {"chimerical", "Talks with Moscow will continue"}

    def test_q_without_match(self, world):
        assert claim_texts({"q": "zebra"}) == set()

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
    def test_q_uses_stemming_on_postgresql(self, world):
        assert claim_texts({"q": "threatening missile"}) == {"Missiles in Poland threaten nobody"}

    def test_ordering(self, world):
        filterset = ClaimFilterSet({"ordering": "confidence"}, queryset=selectors.claim_list())
        assert filterset.is_valid()
        assert [claim.confidence for claim in filterset.qs] == [0.4, 0.6, 0.7, 0.8, 0.95]

    def test_updated_after_is_exclusive_and_takes_any_offset(self, world):
        claims = world["claims"]
        Claim.objects.update(updated=MOMENT - datetime.timedelta(days=1))
        Claim.objects.filter(pk=claims["cost"].pk).update(updated=MOMENT)
        Claim.objects.filter(pk=claims["undated"].pk).update(
            updated=MOMENT + datetime.timedelta(microseconds=1)
        )
        assert claim_texts({"updated_after": "2024-03-01T12:00:00Z"}) == {claims["undated"].text}
        # An offset PostgreSQL itself would refuse (beyond 15:59) is turned to UTC first.
        assert claim_texts({"updated_after": "2024-03-02T09:30:00+21:30"}) == {
            claims["undated"].text
        }
        # The same moment two hours east of UTC; a naive time is UTC (TIME_ZONE).
        assert claim_texts({"updated_after": "2024-03-01T13:59:59+02:00"}) == {
            claims["cost"].text,
            claims["undated"].text,
        }
        assert len(claim_texts({"updated_after": "2024-02-29"})) == 5

    def test_ordering_by_updated(self, world):
        claims = list(world["claims"].values())
        for minutes, claim in enumerate(reversed(claims)):
            Claim.objects.filter(pk=claim.pk).update(
                updated=MOMENT + datetime.timedelta(minutes=minutes)
            )
        filterset = ClaimFilterSet({"ordering": "updated"}, queryset=selectors.claim_list())
        assert [claim.pk for claim in filterset.qs] == [claim.pk for claim in reversed(claims)]

    @pytest.mark.parametrize(
        ("data", "parameter"),
        [
            ({"kind": ["quote"]}, "kind"),
            ({"status": ["maybe"]}, "status"),
            ({"article": "abc"}, "article"),
            ({"article": "1.5"}, "article"),
            ({"article": "99999999999999999999"}, "article"),
            ({"publisher": ["nowhere"]}, "publisher"),
            ({"via": ["nowhere"]}, "via"),
            ({"via": ["not a slug"]}, "via"),
            ({"published_after": "2007-13-01"}, "published_after"),
            ({"published_before": "yesterday"}, "published_before"),
            ({"min_confidence": "high"}, "min_confidence"),
            ({"min_confidence": "1.5"}, "min_confidence"),
            ({"has_speaker": "maybe"}, "has_speaker"),
            ({"ordering": "random"}, "ordering"),
            ({"updated_after": "last week"}, "updated_after"),
            ({"updated_after": "2024-02-30T00:00:00Z"}, "updated_after"),
            ({"updated_after": "0001-01-01T00:00:00+01:00"}, "updated_after"),
        ],
    )
    def test_invalid_values_are_errors_named_by_parameter(self, world, data, parameter):
        assert list(errors(data)) == [parameter]


class TestActorClaimFilterSet:
    def test_has_no_actor_filters(self):
        assert "actor" not in ActorClaimFilterSet.base_filters
        assert "actor_name" not in ActorClaimFilterSet.base_filters
        assert {"kind", "q", "via", "ordering", "updated_after"} <= set(
            ActorClaimFilterSet.base_filters
        )


class TestActorFilterSet:
    def test_q_finds_name_or_alias_as_whole_words(self, world):
        def slugs(q: str) -> set[str]:
            filterset = ActorFilterSet({"q": q}, queryset=selectors.actor_list())
            assert filterset.is_valid()
            return {actor.slug for actor in filterset.qs}

        assert slugs("gates") == {"robert-gates"}
        assert slugs("Robert") == {"robert-gates"}
        assert slugs("ROBERT GATES") == {"robert-gates"}
        assert slugs("gat") == set()

    def test_updated_after(self, world):
        Actor.objects.update(updated=MOMENT)
        Actor.objects.filter(pk=world["ivanov"].pk).update(updated=MOMENT + SECOND)
        filterset = ActorFilterSet(
            {"updated_after": "2024-03-01T12:00:00Z"}, queryset=selectors.actor_list()
        )
        assert [actor.slug for actor in filterset.qs] == ["sergei-ivanov"]
        assert list(errors({"updated_after": "x"}, ActorFilterSet, selectors.actor_list())) == [
            "updated_after"
        ]

    def test_kind(self, world):
        ActorFactory(name="Kremlin", slug="kremlin", kind="government")
        filterset = ActorFilterSet({"kind": ["government"]}, queryset=selectors.actor_list())
        assert [actor.slug for actor in filterset.qs] == ["kremlin"]

    def test_unknown_kind(self, world):
        assert list(errors({"kind": ["alien"]}, ActorFilterSet, selectors.actor_list())) == ["kind"]


class TestArticleFilterSet:
    def test_publisher_dates_and_title(self, world):
        def titles(data: dict) -> set[str]:
            filterset = ArticleFilterSet(data, queryset=selectors.article_list())
            assert filterset.is_valid(), filterset.errors
            return {article.title for article in filterset.qs}

        assert titles({"q": "moscow"}) == {"Gates in Moscow"}
        assert len(titles({"publisher": ["the-times"]})) == 2
        assert titles({"published_after": "2007-04-21", "published_before": "2007-04-30"}) == {
            "Gates in Moscow"
        }

    def test_updated_after(self, world):
        Article.objects.update(updated=MOMENT)
        newest = Article.objects.get(title="Gates in Moscow")
        Article.objects.filter(pk=newest.pk).update(updated=MOMENT + SECOND)
        filterset = ArticleFilterSet(
            {"updated_after": "2024-03-01T12:00:00Z"}, queryset=selectors.article_list()
        )
        assert [article.pk for article in filterset.qs] == [newest.pk]

    def test_invalid(self, world):
        found = errors(
            {"publisher": ["nowhere"], "published_after": "soon"},
            ArticleFilterSet,
            selectors.article_list(),
        )
        assert set(found) == {"publisher", "published_after"}


class TestSourceFilterSet:
    def test_kind_and_q(self, db):
        SourceFactory(name="Interfax", slug="interfax", kind="agency")
        SourceFactory(name="The Times", slug="the-times")
        filterset = SourceFilterSet({"kind": "agency"}, queryset=selectors.source_list())
        assert [source.slug for source in filterset.qs] == ["interfax"]
        filterset = SourceFilterSet({"q": "times"}, queryset=selectors.source_list())
        assert [source.slug for source in filterset.qs] == ["the-times"]
        assert list(errors({"kind": "blog"}, SourceFilterSet, selectors.source_list())) == ["kind"]

    def test_updated_after(self, db):
        old, new = SourceFactory(), SourceFactory()
        Source.objects.update(updated=MOMENT)
        Source.objects.filter(pk=new.pk).update(updated=MOMENT + SECOND)
        data = {"updated_after": "2024-03-01T12:00:00Z"}
        filterset = SourceFilterSet(data, queryset=selectors.source_list())
        assert [source.pk for source in filterset.qs] == [new.pk]
        assert old.pk not in {source.pk for source in filterset.qs}

    def test_articles_are_not_needed(self, db):
        ArticleFactory()
        assert SourceFilterSet({}, queryset=selectors.source_list()).qs.count() == 1


class TestFilterSetForParams:
    """The API validates and applies only the filters of the parameters given:
    the same filtering and the same errors as the whole FilterSet."""

    CASES = [
        {},
        {"actor": "robert-gates"},
        {"actor[]": "robert-gates"},
        {"actor": "robert-gates,sergei-ivanov", "kind": ["direct", "partial"]},
        {"actor_name": "gates", "status": "unreviewed"},
        {"ordering": "confidence", "min_confidence": "0.5", "has_speaker": "true"},
        {"q": "moscow", "published_after": "2007-01-01", "page_size": "3"},
        {"published_after": "x"},
        {"actor": "nobody", "has_speaker": "maybe"},
        {"ordering": "sideways", "article": "-1"},
    ]

    @pytest.mark.parametrize("data", CASES)
    @pytest.mark.parametrize("filterset_class", [ClaimFilterSet, ActorClaimFilterSet])
    def test_same_filtering_and_errors_as_the_whole_filterset(self, world, filterset_class, data):
        whole = filterset_class(data, queryset=selectors.claim_list())
        given = filterset_for_params(filterset_class, data)(data, queryset=selectors.claim_list())
        assert given.is_valid() == whole.is_valid()
        assert given.errors == whole.errors
        if whole.is_valid():
            assert str(given.qs.query) == str(whole.qs.query)

    def test_only_the_filters_a_parameter_can_reach(self):
        narrowed = filterset_for_params(ClaimFilterSet, ["actor_name", "kind", "page_size"])
        # "actor" is kept for "actor_name", which starts like it: it filters nothing.
        assert set(narrowed.base_filters) == {"actor", "actor_name", "kind"}
        assert filterset_for_params(ClaimFilterSet, ["page_size"]).base_filters == {}
        assert filterset_for_params(StatementFilterSet, ["q"]) is filterset_for_params(
            StatementFilterSet, ["q", "cursor"]
        )

    def test_the_browsable_form_and_the_schema_keep_every_filter(self, api, settings):
        # The browsable page links static files: no collected manifest in tests.
        settings.STORAGES = {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        response = api.get("/api/v1/claims/?actor_name=gates", HTTP_ACCEPT="text/html")
        assert response.status_code == 200
        for name in ClaimFilterSet.base_filters:
            assert f'name="{name}"' in response.content.decode()
        schema = api.get("/api/schema/", {"format": "json"}).json()
        parameters = schema["paths"]["/api/v1/claims/"]["get"]["parameters"]
        listed = {parameter["name"] for parameter in parameters}
        assert set(ClaimFilterSet.base_filters) <= listed
