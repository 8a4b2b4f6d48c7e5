"""Factories for model rows; every claim they make slices its article exactly."""

from __future__ import annotations

import datetime
import hashlib

import factory
from factory.django import DjangoModelFactory

from claims.models import Actor, ActorAlias, Article, Claim, ClaimKind, Source
from claims.normalization import normalize_name


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    publisher = factory.SubFactory(SourceFactory)
    published = datetime.date(2024, 5, 1)
    body = factory.Sequence(lambda n: f"Body of article {n}.")
    origin = factory.Sequence(lambda n: f"article-{n}.txt")
    content_hash = factory.LazyAttribute(lambda o: hashlib.sha256(o.body.encode()).hexdigest())


class ActorFactory(DjangoModelFactory):
    class Meta:
        model = Actor
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Person Number{n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    kind = "person"

    @factory.post_generation
    def aliases(self, create: bool, extracted: list[str] | None, **kwargs) -> None:
        if create:
            for name in [self.name, *(extracted or [])]:
                ActorAlias.objects.get_or_create(
                    actor=self, normalized=normalize_name(name), defaults={"name": name}
                )


class ClaimFactory(DjangoModelFactory):
    """A direct quote; its article's body is built around it unless one is given."""

    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"Statement number {n} can be checked")
    article = factory.SubFactory(
        ArticleFactory,
        body=factory.LazyAttribute(lambda o: f'"{o.factory_parent.text}," she said.'),
    )
    kind = ClaimKind.DIRECT
    start = 1
    end = factory.LazyAttribute(lambda o: o.start + len(o.text))
    actor = factory.SubFactory(ActorFactory)
    speaker_mention = factory.LazyAttribute(lambda o: "she" if o.actor else "")
    cue = "said"
    confidence = 0.9
    published = factory.LazyAttribute(lambda o: o.article.published)
