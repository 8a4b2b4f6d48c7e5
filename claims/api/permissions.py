"""Who may do what: anyone reads (unless a token is required), editors edit,
ingesters push articles."""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

from claims.services import INGEST_PERMISSION

# Editors are whoever holds this permission: the "Editors" group grants it,
# and so does superuser status. Checking the permission rather than the group
# name keeps the rule in one place, the group's permissions in the admin.
EDIT_PERMISSION = "claims.change_claim"


class ReadOrEditorWrite(BasePermission):
    message = "Only editors may change claims."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            if settings.CLAIMS_API_READS_REQUIRE_TOKEN:
                return bool(request.user and request.user.is_authenticated)
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(EDIT_PERMISSION))


class ReadOrIngest(ReadOrEditorWrite):
    """Articles: read like the rest; posted (pushed for ingest) by ingesters."""

    message = "Only ingesters (the Ingesters group) may push articles."

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return super().has_permission(request, view)
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm(INGEST_PERMISSION))
