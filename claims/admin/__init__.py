"""The editorial desk: the Django admin, organised for reviewing claims.

Thin by design: pages read through querysets with their joins spelled out,
and every write (a review, a merge, a metadata correction, a re-extraction)
is a call to ``claims.services``.
"""

from django.contrib import admin

from . import actors, articles, claims, jobs, sources, statements, tokens, webhooks

admin.site.site_header = "claims \u00b7 editorial desk"
admin.site.site_title = "claims desk"
admin.site.index_title = "Review claims, actors, articles and sources"

__all__ = [
    "actors",
    "articles",
    "claims",
    "jobs",
    "sources",
    "statements",
    "tokens",
    "webhooks",
]
