"""The bare baseline: an actor's claims, newest first, with raw SQL and orjson.

It answers the same question as /api/v1/claims/?actor=<slug> (same rows, same
joins, same context snippet; the actor, the page and its relays in three
queries) with none of the
framework around it: no DRF, no FilterSet, no serializer, no URL reversing.
For benchmarking only; bench_urls routes it, the project never does.
"""

from __future__ import annotations

import datetime

import orjson
from django.db import connection
from django.http import HttpResponse

_CLAIMS_SQL = """
SELECT c.id, c.kind, c.text, c.speaker_mention, c.cue, c.confidence, c.start, c."end",
       c.published, c.review_status, c.rating, c.editor_note,
       act.slug, act.name, act.kind, a.id, a.title, a.published, src.slug, src.name,
       {greatest}(c.start - 100, 0),
       substr(a.body, {greatest}(c.start - 100, 0) + 1,
              {least}(c."end" + 100 - {greatest}(c.start - 100, 0), 400))
FROM claims_claim c
JOIN claims_actor act ON act.id = c.actor_id
JOIN claims_article a ON a.id = c.article_id
LEFT JOIN claims_source src ON src.id = a.publisher_id
WHERE c.actor_id = %s
  AND NOT EXISTS (SELECT 1 FROM claims_article n WHERE n.supersedes_id = c.article_id)
  {keyset}
ORDER BY c.published DESC, c.id DESC
LIMIT %s
"""
_KEYSET = "AND c.published <= %s AND (c.published < %s OR (c.published = %s AND c.id < %s))"
_RELAYS_SQL = """
SELECT r.claim_id, r.position, s.slug, s.name, s.kind
FROM claims_claimrelay r JOIN claims_source s ON s.id = r.source_id
WHERE r.claim_id IN ({ids}) ORDER BY r.claim_id, r.position
"""


def claims_by_actor(request) -> HttpResponse:
    slug = request.GET["actor"]
    size = min(int(request.GET.get("page_size", 50)), 500)
    params: list = [slug]
    keyset = ""
    if "before_id" in request.GET:
        published = datetime.date.fromisoformat(request.GET["before_published"])
        keyset = _KEYSET
        params += [published, published, published, int(request.GET["before_id"])]
    params.append(size)
    postgres = connection.vendor == "postgresql"
    sql = _CLAIMS_SQL.format(
        greatest="GREATEST" if postgres else "MAX",
        least="LEAST" if postgres else "MIN",
        keyset=keyset,
    )
    with connection.cursor() as cursor:
        # The actor first, as the API does: its id lets the planner use
        # claim_actor_timeline_idx for any actor, however many claims it has.
        cursor.execute("SELECT id FROM claims_actor WHERE slug = %s", [slug])
        found = cursor.fetchone()
        if found is None:
            return HttpResponse(status=404)
        params[0] = found[0]
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        relays: dict[int, list] = {}
        if rows:
            ids = [row[0] for row in rows]
            cursor.execute(_RELAYS_SQL.format(ids=", ".join(["%s"] * len(ids))), ids)
            for claim_id, position, r_slug, r_name, r_kind in cursor.fetchall():
                relays.setdefault(claim_id, []).append(
                    {"position": position, "slug": r_slug, "name": r_name, "kind": r_kind}
                )
    results = [
        {
            "id": row[0],
            "kind": row[1],
            "text": row[2],
            "speaker_mention": row[3],
            "cue": row[4],
            "confidence": row[5],
            "start": row[6],
            "end": row[7],
            "published": row[8],
            "review_status": row[9],
            "rating": row[10],
            "editor_note": row[11],
            "actor": {"slug": row[12], "name": row[13], "kind": row[14]},
            "article": {
                "id": row[15],
                "title": row[16],
                "published": row[17],
                "publisher": {"slug": row[18], "name": row[19]} if row[18] else None,
            },
            "context": {"start": row[20], "text": row[21]},
            "relays": relays.get(row[0], []),
        }
        for row in rows
    ]
    return HttpResponse(orjson.dumps({"results": results}), content_type="application/json")
