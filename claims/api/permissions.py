"""Who may do what: anyone reads (unless a token is required), editors edit."""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import SAFE_METHODS, BasePermission

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
