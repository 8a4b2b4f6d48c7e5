"""The ingest command: seeds, idempotency, versions, bad input, atomicity."""

from __future__ import annotations

import io
import json
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from claims.models import Actor, Article, Claim, ClaimRelay, ReviewStatus, Source
from tests.conftest import SEEDS_DIR

QUOTE_ARTICLE = (
    "City to expand bus network\n\n"
    '"We will add twelve routes next year," Mayor Jane Okafor said on Tuesday.\n\n'
    '"The buses are full every morning," said Tom Reyes, a commuter.\n'
)


def ingest(*args: str, **options) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *args, stdout=out, stderr=err, no_progress=True, **options)
    return out.getvalue(), err.getvalue()


def ingest_failing(*args: str, **options) -> tuple[str, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("ingest", *args, stdout=out, stderr=err, no_progress=True, **options)
    return out.getvalue(), err.getvalue(), str(raised.value)


@pytest.mark.django_db
class TestSeeds:
    def test_default_path_ingests_both_seed_articles(self):
        out, _ = ingest()
        assert "2 new" in out
        assert Article.objects.count() == 2
        assert Claim.objects.count() > 0
        assert Actor.objects.exists()
        assert set(Source.objects.values_list("name", flat=True)) >= {"RFE/RL", "The Moscow Times"}

    def test_manifest_metadata_is_applied(self):
        ingest(str(SEEDS_DIR))
        article = Article.objects.get(origin="004_053146622b9e31b2.txt")
        assert article.publisher.name == "The Moscow Times"
        assert article.published.isoformat() == "2007-04-24"

    def test_body_is_stored_exactly_and_every_claim_slices_it(self):
        ingest(str(SEEDS_DIR))
        for article in Article.objects.all():
            raw = (SEEDS_DIR / article.origin).read_text(encoding="utf-8")
            assert article.body == raw
            for claim in article.claims.all():
                assert article.body[claim.start : claim.end] == claim.text
                if claim.speaker_start is not None:
                    mention = article.body[claim.speaker_start : claim.speaker_end]
                    assert mention == claim.speaker_mention

    def test_second_run_changes_nothing_and_says_so(self):
        ingest(str(SEEDS_DIR))
        counts = [m.objects.count() for m in (Article, Claim, Actor, Source, ClaimRelay)]
        out, _ = ingest(str(SEEDS_DIR))
        assert "0 new" in out and "2 unchanged" in out
        assert [m.objects.count() for m in (Article, Claim, Actor, Source, ClaimRelay)] == counts

    def test_dry_run_writes_nothing(self):
        out, _ = ingest(str(SEEDS_DIR), dry_run=True)
        assert "Dry run" in out and "2 new" in out
        assert Article.objects.count() == 0 and Claim.objects.count() == 0

    def test_json_report(self):
        out, _ = ingest(str(SEEDS_DIR), json=True)
        report = json.loads(out)
        assert report["articles"] == {
            "new": 2,
            "new_version": 0,
            "unchanged": 0,
            "skipped": 0,
            "failed": 0,
        }
        assert report["claims"] == Claim.objects.count()
        assert {f["status"] for f in report["files"]} == {"new"}


@pytest.mark.django_db
class TestVersions:
    def test_changed_file_is_a_new_version_and_reviews_survive(self, article_dir, admin_user):
        path = article_dir("bus.txt", QUOTE_ARTICLE)
        ingest(str(path))
        old = Article.objects.get()
        reviewed = old.claims.first()
        reviewed.review_status = ReviewStatus.DISPUTED
        reviewed.editor_note = "Checked against the council minutes."
        reviewed.reviewer = admin_user
        reviewed.reviewed_at = "2024-01-01T00:00:00Z"
        reviewed.save()

        path.write_text(QUOTE_ARTICLE + "\nThe council meets again in May.\n", encoding="utf-8")
        out, _ = ingest(str(path))

        assert "1 new version" in out
        new = Article.objects.exclude(pk=old.pk).get()
        assert new.supersedes == old
        reviewed.refresh_from_db()
        assert reviewed.article == old
        assert reviewed.review_status == ReviewStatus.DISPUTED
        assert reviewed.editor_note == "Checked against the council minutes."
        twin = new.claims.get(text=reviewed.text)
        assert twin.review_status == ReviewStatus.DISPUTED
        assert twin.editor_note == reviewed.editor_note

    def test_reextract_keeps_reviewed_claims(self, article_dir, admin_user):
        from claims.services import article_reextract

        ingest(str(article_dir("bus.txt", QUOTE_ARTICLE)))
        article = Article.objects.get()
        reviewed = article.claims.first()
        Claim.objects.filter(pk=reviewed.pk).update(
            review_status=ReviewStatus.VERIFIED, reviewed_at="2024-01-01T00:00:00Z"
        )
        before = article.claims.count()

        report = article_reextract(article=article)

        assert report.reviewed_kept == 1
        assert article.claims.count() == before
        assert Claim.objects.get(pk=reviewed.pk).review_status == ReviewStatus.VERIFIED


@pytest.mark.django_db
class TestBadInput:
    """Each bad file gets one line naming it; the good file beside it still loads."""

    def run_with_good_neighbour(self, article_dir, name: str, content: bytes | str):
        article_dir("good.txt", QUOTE_ARTICLE)
        bad = article_dir(name, content)
        _out, err, message = ingest_failing(str(article_dir.root))
        assert Article.objects.filter(origin="good.txt").exists()
        assert "1 file failed" in message
        lines = [line for line in err.splitlines() if line.strip()]
        assert len(lines) == 1 and str(bad) in lines[0]
        return lines[0]

    def test_empty_file(self, article_dir):
        assert "empty file" in self.run_with_good_neighbour(article_dir, "empty.txt", b"")

    def test_whitespace_only_file(self, article_dir):
        assert "empty file" in self.run_with_good_neighbour(article_dir, "blank.txt", b" \n\t\n")

    def test_binary_file(self, article_dir):
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
        assert "binary" in self.run_with_good_neighbour(article_dir, "image.txt", png)

    def test_file_of_control_characters(self, article_dir):
        noise = bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 200
        assert "binary" in self.run_with_good_neighbour(article_dir, "noise.txt", noise)

    def test_file_over_the_size_limit(self, article_dir, settings):
        settings.CLAIMS_MAX_ARTICLE_BYTES = 1024
        line = self.run_with_good_neighbour(article_dir, "huge.txt", "word " * 1000)
        assert "over the" in line and "limit" in line

    def test_bad_manifest_is_reported_and_articles_still_load(self, article_dir):
        article_dir("good.txt", QUOTE_ARTICLE)
        article_dir("manifest.json", '{"good.txt": {"published": "yesterday"}}')
        _, err, _ = ingest_failing(str(article_dir.root))
        assert "manifest.json" in err and "published must be an ISO date" in err
        assert Article.objects.get().published is None

    def test_legacy_encoding_is_decoded(self, article_dir):
        text = (
            "Café owners protest\n\n"
            "\u201cWe cannot pay these rents,\u201d said Ren\u00e9e Dupont, who runs a caf\u00e9.\n"
        )
        article_dir("latin.txt", text.encode("cp1252"))
        ingest(str(article_dir.root))
        article = Article.objects.get()
        assert "Ren\u00e9e Dupont" in article.body and "\u201cWe" in article.body

    def test_utf8_byte_order_mark_is_removed(self, article_dir):
        article_dir("bom.txt", b"\xef\xbb\xbf" + QUOTE_ARTICLE.encode())
        ingest(str(article_dir.root))
        assert Article.objects.get().body == QUOTE_ARTICLE

    def test_missing_path(self, article_dir):
        _, err, message = ingest_failing(str(article_dir.root / "nowhere"))
        assert "nowhere: no such file or folder" in err
        assert "1 file failed" in message

    def test_folder_without_articles(self, article_dir):
        article_dir("notes.md", "# not an article")
        _, err, _ = ingest_failing(str(article_dir.root))
        assert "folder holds no articles (.txt, .html, .htm, .jsonl, .rss, .atom)" in err


@pytest.mark.django_db(transaction=True)
def test_failure_mid_article_leaves_nothing_behind(article_dir):
    """An error after the article row is written rolls the whole article back."""
    article_dir("good.txt", QUOTE_ARTICLE)
    with (
        mock.patch(
            "claims.services.ClaimRelay.objects.bulk_create", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        ingest(str(article_dir.root))
    assert Article.objects.count() == 0
    assert Claim.objects.count() == 0
    ingest(str(article_dir.root))
    assert Article.objects.count() == 1 and Claim.objects.exists()


@pytest.mark.django_db
def test_reextract_finds_the_same_unnamed_actors_again(article_dir):
    from claims.services import article_reextract

    ingest(str(article_dir("officials.txt", ANONYMOUS_ARTICLE)))
    article = Article.objects.get()
    actors = set(Actor.objects.values_list("slug", flat=True))
    assert Actor.objects.filter(anonymous=True).exists()

    article_reextract(article=article)

    assert set(Actor.objects.values_list("slug", flat=True)) == actors


ANONYMOUS_ARTICLE = (
    "Talks stall\n\n"
    '"There will be no agreement this week," a senior official told reporters on Friday.\n\n'
    "Analysts said the delay could last months.\n"
)
