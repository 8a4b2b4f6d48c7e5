"""Checks on values that come from outside: the same rule wherever they enter."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

# Article.url's column: a longer address would be refused by PostgreSQL
# (and silently kept whole by SQLite), so it is refused before it gets there.
ARTICLE_URL_MAX_LENGTH = 1000
ARTICLE_URL_SCHEMES = ("http", "https")

_article_url = URLValidator(schemes=list(ARTICLE_URL_SCHEMES))


def article_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as an article's address, or None if nothing."""
    if len(url) > ARTICLE_URL_MAX_LENGTH:
        return f"URL is {len(url)} characters long, over the limit of {ARTICLE_URL_MAX_LENGTH}"
    try:
        _article_url(url)
    except ValidationError:
        shown = url if len(url) <= 80 else url[:77] + "..."
        return f"not an http or https URL: {shown!r}"
    return None


def validate_article_url(url: str) -> None:
    """Django validator form of ``article_url_problem`` (forms and services)."""
    if url:
        problem = article_url_problem(url)
        if problem:
            raise ValidationError(problem, code="invalid_url")
