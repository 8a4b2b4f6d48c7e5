"""Login lockout: a user name at one address, and an address whatever the names.

django-axes counts failures per group of its lockout parameters and compares
the largest count with one limit. Two limits are needed here: a few failures
lock a user name *at the address that guessed it* (so a stranger elsewhere who
knows an editor's name cannot keep the editor out), and more failures from one
address, over any user names, lock that address (so a guesser cannot try a
password on every name). This handler gives each group its own limit.
"""

from __future__ import annotations

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import QuerySet, Sum

# AXES_LOCKOUT_PARAMETERS, in the order the handler reads their counts.
LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class NameAtAddressHandler(AxesDatabaseHandler):
    def _groups(self, attempts_list: list[QuerySet]) -> tuple[QuerySet, QuerySet]:
        if settings.AXES_LOCKOUT_PARAMETERS != LOCKOUT_PARAMETERS:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs AXES_LOCKOUT_PARAMETERS = {LOCKOUT_PARAMETERS!r}"
            )
        name_at_address, address = attempts_list
        return name_at_address, address

    def get_failures(self, request, credentials: dict | None = None) -> int:
        name_at_address, address = self._groups(self.get_user_attempts(request, credentials))
        failures = _failures(name_at_address)
        if _failures(address) >= settings.CLAIMS_LOGIN_ADDRESS_FAILURE_LIMIT:
            # Reported as the limit axes knows, so that it locks the address.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        # A right password clears that name's failures at that address, not
        # the address's guesses at other names.
        name_at_address, _ = self._groups(self.filter_user_attempts(request, credentials))
        count, _ = name_at_address.delete()
        return count
