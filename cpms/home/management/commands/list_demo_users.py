from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from cpms.accounts.demo import DEMO_PASSWORD, demo_login_help
from cpms.accounts.models import Membership


class Command(BaseCommand):
    help = "Print the demo logins with their role and agency."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"Tài khoản demo / demo logins (mật khẩu / password: {DEMO_PASSWORD}):")
        rows = Membership.objects.select_related("user", "agency").order_by("user__username")
        for m in rows:
            self.stdout.write(f"  {m.user.username:<20} {m.get_role_display()} · {m.agency.name}")
        for line in demo_login_help():
            self.stdout.write(line)
