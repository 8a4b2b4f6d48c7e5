"""API tokens on the desk: each editor sees, issues and revokes their own.

Replaces django-rest-knox's page, which lists every user's token digests to
anyone allowed to see it. Here a token shows only its first characters, when
it was issued and when it expires; a new key is shown once, in the message
that confirms it, and revoking is deleting.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings

from claims import services

if admin.site.is_registered(AuthToken):
    admin.site.unregister(AuthToken)


@admin.register(AuthToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["first_characters", "user", "created", "expiry", "state"]
    list_select_related = ["user"]
    ordering = ["-created"]
    # Nothing of a token is edited: it is issued, listed and revoked.
    fields = ["first_characters", "user", "created", "expiry"]
    readonly_fields = fields
    actions = ["delete_selected"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        tokens = super().get_queryset(request).defer("digest")
        # Administrators see every token (to revoke a departed editor's);
        # everyone else only their own.
        return tokens if request.user.is_superuser else tokens.filter(user=request.user)

    def get_list_display(self, request: HttpRequest) -> list[str]:
        if request.user.is_superuser:
            return self.list_display
        return [name for name in self.list_display if name != "user"]

    # Any staff account may manage its own tokens; the queryset above keeps
    # them from anyone else's.

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request: HttpRequest, obj: AuthToken | None = None) -> bool:
        return self.has_module_permission(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: AuthToken | None = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: AuthToken | None = None) -> bool:
        return False

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        # "Add" issues a key for the editor themselves, at once, and shows it once.
        if not self.has_add_permission(request):
            return super().add_view(request, form_url, extra_context)
        if request.method != "POST":
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Issue an API key",
                "days": knox_settings.TOKEN_TTL.days,
            }
            return TemplateResponse(request, "admin/knox/authtoken/issue.html", context)
        token, key = services.api_token_issue(user=request.user)
        self.message_user(
            request,
            f"Your new API key (copy it now: it is not stored and will not be shown again): "
            f"{key}  \u2014 expires {token.expiry:%Y-%m-%d}.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:knox_authtoken_changelist"))

    @admin.display(description="token")
    def first_characters(self, token: AuthToken) -> str:
        return f"{token.token_key[:8]}\u2026"

    @admin.display(description="state")
    def state(self, token: AuthToken) -> str:
        if token.expiry is not None and token.expiry <= timezone.now():
            return "expired"
        return "valid"
