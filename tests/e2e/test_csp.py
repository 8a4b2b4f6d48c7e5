"""The Content-Security-Policy holds, and the admin and the API docs work under it.

A real browser walks the editorial desk (queue, a claim with its actor
autocomplete, an article, an actor merge, history), the browsable API and the
Swagger UI docs. Every page must carry the policy, and the browser must report
no violation: neither a console message nor a ``securitypolicyviolation`` event.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from claims.models import Actor, Article, Claim, Source

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long administrator passphrase 9"

# Recorded by the page itself, before any of its own scripts run.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  const where = `${event.sourceFile}:${event.lineNumber}`;
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${where}`
  );
});
"""


@pytest.fixture
def watched(page):
    """The page, with every CSP complaint of the browser collected in ``page.csp``."""
    page.csp = []
    page.context.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            page.csp.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return page


def visit(page, url: str) -> None:
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "object-src 'none'" in policy, url
    page.wait_for_load_state("load")
    page.csp.extend(page.evaluate("window.__cspViolations"))


def test_desk_and_docs_work_under_the_policy(watched, live_server, desk_static, django_user_model):
    page = watched
    # Twenty pages in a row on a shared, busy machine: more than the usual 15 s each.
    page.set_default_timeout(60_000)
    call_command("loaddata", "seeds", verbosity=0)
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    base = live_server.url

    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "root")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")

    claim = Claim.objects.order_by("id").first()
    article = Article.objects.order_by("id").first()
    actor = Actor.objects.order_by("id").first()
    source = Source.objects.order_by("id").first()
    for path in [
        "/admin/",
        "/admin/claims/claim/",
        "/admin/claims/claim/?review=all",
        f"/admin/claims/claim/{claim.pk}/change/",
        f"/admin/claims/claim/{claim.pk}/history/",
        "/admin/claims/actor/",
        f"/admin/claims/actor/{actor.pk}/change/",
        "/admin/claims/article/",
        f"/admin/claims/article/{article.pk}/change/",
        "/admin/claims/source/",
        # Claims over time: the server-drawn SVG charts.
        f"/admin/claims/source/{source.pk}/change/",
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/api/v1/claims/",
        f"/api/v1/articles/{article.pk}/",
    ]:
        visit(page, f"{base}{path}")

    # The claim page's actor autocomplete (select2) opens and searches.
    visit(page, f"{base}/admin/claims/claim/{claim.pk}/change/")
    page.click(".field-actor .select2-selection")
    page.fill(".select2-search__field", actor.name.split()[0])
    page.wait_for_selector(".select2-results__option")
    # A bulk action's confirmation page.
    visit(page, f"{base}/admin/claims/claim/")
    page.check("#result_list tbody input.action-select >> nth=0")
    page.select_option("select[name=action]", "assign_actor")
    page.click("button[name=index]")
    page.wait_for_load_state("load")
    page.csp.extend(page.evaluate("window.__cspViolations"))

    # The API docs render every operation from the schema.
    visit(page, f"{base}/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    assert page.locator(".opblock").count() >= 8
    page.locator(".opblock-summary").first.click()
    page.wait_for_selector(".opblock-body")
    page.csp.extend(page.evaluate("window.__cspViolations"))

    assert page.csp == [], "\n".join(page.csp)
