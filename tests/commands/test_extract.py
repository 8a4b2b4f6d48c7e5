"""The extract command prints what the pipeline finds, in a stable JSON shape."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.models import Article
from tests.conftest import SEEDS_DIR


def extract_json(*paths: str) -> list[dict]:
    out = io.StringIO()
    call_command("extract", *paths, json=True, stdout=out)
    return json.loads(out.getvalue())


def test_json_shape_and_offsets_slice_the_text():
    results = extract_json(str(SEEDS_DIR))
    assert [result["path"] for result in results] == sorted(
        str(path) for path in SEEDS_DIR.glob("*.txt")
    )
    for result in results:
        body = Path(result["path"]).read_text(encoding="utf-8-sig")
        assert set(result) >= {
            "path",
            "title",
            "publisher",
            "published",
            "byline",
            "claims",
            "actors",
        }
        actor_names = {actor["name"] for actor in result["actors"]}
        for claim in result["claims"]:
            assert claim["kind"] in {"direct", "partial", "indirect", "assertion"}
            assert body[claim["start"] : claim["end"]] == claim["text"]
            assert 0 <= claim["confidence"] <= 1
            if claim["speaker"]:
                speaker = claim["speaker"]
                assert body[speaker["start"] : speaker["end"]] == speaker["mention"]
                assert speaker["actor"] in actor_names
            for relay in claim["via"]:
                assert body[relay["start"] : relay["end"]] == relay["name"]


def test_manifest_metadata_reaches_the_output():
    by_name = {r["path"].rsplit("/", 1)[-1]: r for r in extract_json(str(SEEDS_DIR))}
    assert by_name["004_053146622b9e31b2.txt"]["publisher"] == "The Moscow Times"
    assert by_name["004_053146622b9e31b2.txt"]["published"] == "2007-04-24"


def test_listing_for_a_person():
    out = io.StringIO()
    call_command("extract", str(SEEDS_DIR / "004_053146622b9e31b2.txt"), stdout=out)
    assert "004_053146622b9e31b2.txt" in out.getvalue()
    assert "[direct " in out.getvalue()


@pytest.mark.django_db
def test_touches_no_database():
    extract_json(str(SEEDS_DIR))
    assert not Article.objects.exists()


def test_unreadable_path_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("extract", str(tmp_path), stdout=io.StringIO(), stderr=err)
    assert "empty.txt: empty file" in err.getvalue()
